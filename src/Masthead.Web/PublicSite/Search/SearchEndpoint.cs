using System.Globalization;
using Masthead.Core.Common;
using Masthead.Core.Search;
using Masthead.Web.PublicSite.Pages;

namespace Masthead.Web.PublicSite.Search;

/// <summary>
/// GET /search: the reader's search page. Every parameter is read as text and checked here, so a bad page
/// number or date is a message on the page, never an error. Results are never cached: each query is fresh.
/// </summary>
public static class SearchEndpoint
{
    public const string Path = "/search";

    public static WebApplication MapSearchPage(this WebApplication app)
    {
        app.MapGet(Path, SearchAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, SiteContext context, StorySearch search, SearchFilterOptions filterOptions, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var query = http.Request.Query;
        string? Value(string name) => query[name].FirstOrDefault();

        var form = new SearchFormValues(Value("q") ?? "", Value("section") ?? "", Value("author") ?? "", Value("tag") ?? "", Value("from") ?? "", Value("to") ?? "");
        var errors = new ValidationErrors();
        var page = 1;
        if (Value("page") is { Length: > 0 } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            errors.Add("page", "The page number must be a whole number from 1 up.");
            page = 1;
        }
        var from = Day(form.From, "from", "start", site, errors);
        var to = Day(form.To, "to", "end", site, errors);

        var result = await search.SearchAsync(new StorySearchRequest(form.Query, form.Section, form.Author, form.Tag,
            from, to?.AddDays(1), page), ct);
        foreach (var (field, messages) in result.Errors.ToDictionary())
            foreach (var message in messages) errors.Add(field, message);

        // Never kept by the server's page cache (this endpoint is outside it) nor by browsers and CDNs.
        http.Response.Headers.CacheControl = "no-store";
        var model = new SearchPageModel(form, result, errors, await filterOptions.GetAsync(site, ct));
        return new ComponentPage<SearchPage>(new { Site = site, Model = model });
    }

    /// <summary>A calendar day (YYYY-MM-DD) as the instant it starts in the publication's time zone.</summary>
    private static DateTime? Day(string text, string field, string which, SiteModel site, ValidationErrors errors)
    {
        if (text.Trim().Length == 0) return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 1900 || day.Year > 9000)
        {
            errors.Add(field, $"The {which} date must be a day written as YYYY-MM-DD, such as 2026-11-30.");
            return null;
        }
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(site.TimeZone.IsInvalidTime(local) ? local.AddHours(1) : local, site.TimeZone);
    }
}

/// <summary>What the reader sent, echoed back into the form.</summary>
public sealed record SearchFormValues(string Query, string Section, string Author, string Tag, string From, string To)
{
    public bool HasFilters => Section.Length + Author.Length + Tag.Length + From.Length + To.Length > 0;

    /// <summary>This search's address on another page of results.</summary>
    public string PageUrl(int page)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query) };
        foreach (var (name, value) in new[] { ("section", Section), ("author", Author), ("tag", Tag), ("from", From), ("to", To) })
            if (value.Length > 0) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        if (page > 1) parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return SearchEndpoint.Path + "?" + string.Join('&', parts);
    }
}

public sealed record SearchPageModel(SearchFormValues Form, StorySearchResult Result, ValidationErrors Errors, SearchFilterChoices Choices)
{
    public IDictionary<string, string[]> Problems { get; } = Errors.ToDictionary();
}
