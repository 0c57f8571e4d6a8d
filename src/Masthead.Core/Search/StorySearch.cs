using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Search;

/// <summary>
/// A reader's search as the public site (and later the content API) asks it: raw text and filters by
/// address (section path, author and tag slugs), each checked with a message that says what was wrong.
/// Dates are instants: the caller turns the reader's calendar days into its publication's time zone.
/// </summary>
public sealed record StorySearchRequest(
    string? Query, string? Section = null, string? Author = null, string? Tag = null,
    DateTime? PublishedFrom = null, DateTime? PublishedBefore = null, int Page = 1, int PageSize = StorySearch.DefaultPageSize);

public sealed record StorySearchResult(
    SearchTerms Terms, IReadOnlyList<StorySearchHit> Hits, int Total, int Page, int PageSize,
    ValidationErrors Errors, IReadOnlyList<string> Notices, bool MoreThanTotal = false)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A published story that matched, with HTML-safe headline and snippet (hits in &lt;mark&gt;).</summary>
public sealed record StorySearchHit(
    int Id, string Slug, string Headline, string HeadlineHtml, string SnippetHtml, int SectionId, string SectionPath, string SectionName,
    IReadOnlyList<string> Bylines, DateTime PublishedAt, double Score)
{
    public string Url => $"/{SectionPath}/{Slug}";
}

public sealed class StorySearch(MastheadDbContext db, ISearchIndex index)
{
    public const int DefaultPageSize = 10;
    public const int MaxPage = 1000;

    public async Task<StorySearchResult> SearchAsync(StorySearchRequest request, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var terms = SearchTerms.Parse(request.Query);
        var errors = new ValidationErrors();
        if (request.Page is < 1 or > MaxPage) errors.Add("page", $"The page must be a whole number from 1 to {MaxPage}.");
        if (request.PageSize is < 1 or > SqlSearchIndex.MaxPageSize) errors.Add("pageSize", $"The page size must be from 1 to {SqlSearchIndex.MaxPageSize}.");
        if (request.PublishedFrom is { } from && request.PublishedBefore is { } before && before <= from)
            errors.Add("to", "The end of the date range must not be before its start.");

        var unreadable = false;
        foreach (var (field, value) in new[] { ("section", request.Section), ("author", request.Author), ("tag", request.Tag) })
        {
            if (value is null || IsPlainText(value)) continue;
            errors.Add(field, $"The {field} holds characters no {field} address can contain.");
            unreadable = true;
        }
        if (unreadable) return new StorySearchResult(terms, [], 0, Math.Clamp(request.Page, 1, MaxPage), DefaultPageSize, errors, terms.Notices);

        var filters = new SearchFilters(PublishedFrom: request.PublishedFrom, PublishedBefore: request.PublishedBefore);
        if (!string.IsNullOrWhiteSpace(request.Section))
        {
            var path = request.Section.Trim().Trim('/').ToLowerInvariant();
            var ids = await db.Sections.AsNoTracking()
                .Where(s => s.Path == path || s.Path.StartsWith(path + "/"))
                .Select(s => s.Id).ToListAsync(ct);
            if (ids.Count == 0) errors.Add("section", $"There is no section \"{Shorten(request.Section)}\".");
            else filters = filters with { SectionIds = ids };
        }
        if (!string.IsNullOrWhiteSpace(request.Author))
        {
            var slug = Slug.Normalize(request.Author);
            var id = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            if (id is null) errors.Add("author", $"There is no author \"{Shorten(request.Author)}\".");
            else filters = filters with { AuthorId = id };
        }
        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            var slug = Slug.Normalize(request.Tag);
            var id = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            if (id is null) errors.Add("tag", $"There is no topic \"{Shorten(request.Tag)}\".");
            else filters = filters with { TagId = id };
        }

        if (errors.Any || terms.IsEmpty)
            return new StorySearchResult(terms, [], 0, Math.Clamp(request.Page, 1, MaxPage), DefaultPageSize, errors, terms.Notices);

        var page = await index.SearchAsync(terms, filters, request.Page, request.PageSize, ct);
        var hits = await DetailsAsync(page.Hits, ct);
        MastheadMetrics.Searched(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return new StorySearchResult(terms, hits, page.Total, request.Page, request.PageSize, errors, terms.Notices, page.MoreThanTotal);
    }

    private async Task<List<StorySearchHit>> DetailsAsync(IReadOnlyList<SearchHit> hits, CancellationToken ct)
    {
        var ids = hits.Select(h => h.ArticleId).ToList();
        var rows = await db.Articles.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published)
            .Select(a => new
            {
                a.Id, a.Slug, a.Headline, a.PrimarySectionId, SectionPath = a.PrimarySection.Path, SectionName = a.PrimarySection.Name,
                a.FirstPublishedAt, Bylines = a.Bylines.OrderBy(b => b.Position).Select(b => b.Author.Name).ToList(),
            })
            .AsSplitQuery()
            .ToDictionaryAsync(a => a.Id, ct);
        return hits.Where(h => rows.ContainsKey(h.ArticleId)).Select(h =>
        {
            var r = rows[h.ArticleId];
            return new StorySearchHit(r.Id, r.Slug, r.Headline, h.HeadlineHtml, h.SnippetHtml, r.PrimarySectionId, r.SectionPath, r.SectionName,
                r.Bylines, r.FirstPublishedAt ?? default, h.Score);
        }).ToList();
    }

    // Control characters and broken surrogate pairs cannot be sent to every database, and no address holds them.
    private static bool IsPlainText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c)) return false;
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i]))) return false;
        }
        return true;
    }

    // A value echoed in a message stays short, whatever was sent.
    private static string Shorten(string value) => value.Length <= 60 ? value.Trim() : value[..60].Trim() + "…";
}
