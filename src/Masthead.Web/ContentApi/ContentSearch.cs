using System.Globalization;
using Masthead.Core.Common;
using Masthead.Core.Search;

namespace Masthead.Web.ContentApi;

/// <summary>
/// GET /api/content/v1/search: the public site's search for apps, through the same <see cref="StorySearch"/>
/// (published stories only, the same query syntax, filters and bounded work), answered fresh every time.
/// </summary>
public static class ContentSearch
{
    private static readonly string[] Known = ["q", "section", "author", "tag", "publishedAfter", "publishedBefore", "page", "limit", "key"];

    public sealed record Hit(
        int Id, string Slug, string Url, string Headline, string HeadlineHtml, string SnippetHtml,
        ContentSearchSection Section, IReadOnlyList<string> Bylines, DateTime PublishedAt, double Score);

    public sealed record ContentSearchSection(string Path, string Name);

    public sealed record Meta(int Total, bool MoreThanTotal, int Page, int Limit, int PageCount, IReadOnlyList<string> Notices);

    public sealed record Response(IReadOnlyList<Hit> Data, Meta Meta);

    public static void MapContentSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", SearchAsync).WithTags("Search")
            .WithSummary("Published articles matching words (\"quoted phrases\", -excluded words), best first, with HTML-safe highlights; filter by section, author, tag and publication date.")
            .Produces<Response>()
            // Results change with every publish anywhere; they are never kept in the server's cache.
            .CacheOutput(policy => policy.NoCache());

    private static async Task<IResult> SearchAsync(HttpContext http, StorySearch search, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new ValidationErrors();
        ContentQueryString.RefuseUnknown(query, Known, errors);
        var q = ContentQueryString.One(query, "q", errors);
        var after = ContentQueryString.Instant(query, "publishedAfter", errors);
        var before = ContentQueryString.Instant(query, "publishedBefore", errors);
        var page = Number(query, "page", 1, 1, StorySearch.MaxPage, errors);
        var limit = Number(query, "limit", StorySearch.DefaultPageSize, 1, SqlSearchIndex.MaxPageSize, errors);
        if (!query.ContainsKey("q")) errors.Add("q", "Give the words to search for in q, e.g. ?q=night+buses.");
        var section = ContentQueryString.One(query, "section", errors);
        var author = ContentQueryString.One(query, "author", errors);
        var tag = ContentQueryString.One(query, "tag", errors);
        if (errors.Any) return ContentApiEndpoints.Invalid(errors);

        var result = await search.SearchAsync(new StorySearchRequest(q, section, author, tag, after, before, page, limit), ct);
        if (result.Errors.Any) return ContentApiEndpoints.Invalid(result.Errors);
        var hits = result.Hits.Select(h => new Hit(h.Id, h.Slug, h.Url, h.Headline, h.HeadlineHtml, h.SnippetHtml,
            new ContentSearchSection(h.SectionPath, h.SectionName), h.Bylines, DateTime.SpecifyKind(h.PublishedAt, DateTimeKind.Utc), Math.Round(h.Score, 4))).ToList();
        return Results.Ok(new Response(hits, new Meta(result.Total, result.MoreThanTotal, result.Page, result.PageSize, result.PageCount, result.Notices)));
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (ContentQueryString.One(query, name, errors) is not { } text) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors.Add(name, $"{name} must be a whole number from {min} to {max}.");
        return fallback;
    }
}
