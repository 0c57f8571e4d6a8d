using System.Globalization;
using Masthead.Core.Common;
using Masthead.Web.PublicSite;

namespace Masthead.Web.ContentApi;

/// <summary>The parameters of GET /articles, read and checked together so every bad one is named in one answer.</summary>
public sealed record ArticleListQuery(
    SectionNode? Section, bool Subsections, string? Author, string? Tag, DateTime? PublishedAfter, DateTime? PublishedBefore,
    ContentSort Sort, int Limit, ContentCursor? Cursor, ArticleShape Shape)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly string[] Known =
        ["section", "subsections", "author", "tag", "publishedAfter", "publishedBefore", "sort", "limit", "cursor", "fields", "include", "key"];

    private static readonly Dictionary<string, ContentSort> Sorts = new(StringComparer.Ordinal)
    {
        ["-publishedAt"] = ContentSort.PublishedDesc, ["publishedAt"] = ContentSort.PublishedAsc,
        ["-updatedAt"] = ContentSort.UpdatedDesc, ["updatedAt"] = ContentSort.UpdatedAsc,
    };

    public static (ArticleListQuery? Query, ValidationErrors Errors) Read(IQueryCollection query, SiteModel site)
    {
        var errors = new ValidationErrors();
        ContentQueryString.RefuseUnknown(query, Known, errors);
        var shape = ArticleShape.Read(query, errors);

        SectionNode? section = null;
        if (ContentQueryString.One(query, "section", errors) is { } path)
        {
            var clean = path.Trim('/').ToLowerInvariant();
            if (!site.SectionsByPath.TryGetValue(clean, out section))
                errors.Add("section", $"There is no section with the path \"{path}\"; GET /api/content/v1/sections lists them (e.g. \"culture/film-tv\").");
        }
        var subsections = true;
        if (ContentQueryString.One(query, "subsections", errors) is { } sub && !bool.TryParse(sub, out subsections))
            errors.Add("subsections", "subsections must be true or false.");

        var author = ContentQueryString.One(query, "author", errors)?.Trim().ToLowerInvariant();
        var tag = ContentQueryString.One(query, "tag", errors)?.Trim().ToLowerInvariant();
        var after = ContentQueryString.Instant(query, "publishedAfter", errors);
        var before = ContentQueryString.Instant(query, "publishedBefore", errors);
        if (after is not null && before is not null && after >= before)
            errors.Add("publishedBefore", "publishedBefore must be later than publishedAfter.");

        var sort = ContentSort.PublishedDesc;
        if (ContentQueryString.One(query, "sort", errors) is { } sortText && !Sorts.TryGetValue(sortText, out sort))
            errors.Add("sort", $"sort must be one of {string.Join(", ", Sorts.Keys)} (a leading - means newest first).");

        var limit = DefaultLimit;
        if (ContentQueryString.One(query, "limit", errors) is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors.Add("limit", $"limit must be a whole number from 1 to {MaxLimit}.");

        ContentCursor? cursor = null;
        if (ContentQueryString.One(query, "cursor", errors) is { } cursorText)
        {
            cursor = ContentCursor.Decode(cursorText);
            if (cursor is null) errors.Add("cursor", "The cursor is not one this API handed out; use pagination.nextCursor from the previous page unchanged.");
            else if (cursor.Sort != sort) errors.Add("cursor", "The cursor belongs to a different sort order; keep the sort parameter of the page it came from.");
        }

        return errors.Any ? (null, errors) : (new ArticleListQuery(section, subsections, author, tag, after, before, sort, limit, cursor, shape), errors);
    }

}

/// <summary>Which members of an article to send (<c>fields=</c>) and which related things to add (<c>include=</c>).</summary>
public sealed record ArticleShape(IReadOnlySet<string>? Fields, IReadOnlySet<string> Includes)
{
    public static readonly ArticleShape Everything = new(null, ContentArticle.IncludeNames.ToHashSet(StringComparer.Ordinal));

    public bool Has(string include) => Includes.Contains(include);

    public static ArticleShape Read(IQueryCollection query, ValidationErrors errors)
    {
        var fields = List(query, "fields", ContentArticle.FieldNames, errors);
        var includes = List(query, "include", ContentArticle.IncludeNames, errors) ?? new HashSet<string>(StringComparer.Ordinal);
        return new ArticleShape(fields, includes);
    }

    private static HashSet<string>? List(IQueryCollection query, string name, IReadOnlyList<string> allowed, ValidationErrors errors)
    {
        if (ContentQueryString.One(query, name, errors) is not { } text) return null;
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !allowed.Contains(n)).ToList();
        if (unknown.Count > 0) errors.Add(name, $"Unknown {name}: {string.Join(", ", unknown)}. Choose from {string.Join(", ", allowed)}.");
        if (names.Count == 0) errors.Add(name, $"{name} is empty; leave it out or name at least one of {string.Join(", ", allowed)}.");
        return names;
    }
}

public static class ContentQueryString
{
    /// <summary>A misspelt parameter would otherwise be ignored silently and return something the client did not ask for.</summary>
    /// <summary>An ISO 8601 date or instant parameter, as UTC; a date alone means its midnight in UTC.</summary>
    public static DateTime? Instant(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (One(query, name, errors) is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value.UtcDateTime;
        errors.Add(name, $"{name} must be an ISO 8601 date or instant, e.g. \"2026-11-01\" or \"2026-11-01T09:30:00Z\".");
        return null;
    }

    public static void RefuseUnknown(IQueryCollection query, IReadOnlyCollection<string> known, ValidationErrors errors)
    {
        foreach (var name in query.Keys.Where(k => !known.Contains(k)))
            errors.Add(name, $"Unknown parameter \"{name}\". This endpoint takes: {string.Join(", ", known.Where(k => k != "key"))}.");
    }

    public static string? One(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) { errors.Add(name, $"Give {name} once."); return null; }
        var value = values[0];
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(name, $"{name} is empty; leave it out or give a value."); return null; }
        if (value.Length > 500) { errors.Add(name, $"{name} is longer than 500 characters."); return null; }
        return value;
    }
}
