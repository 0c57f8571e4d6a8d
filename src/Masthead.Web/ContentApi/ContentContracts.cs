using System.Text.Json.Serialization;

namespace Masthead.Web.ContentApi;

// What the Content API returns: public content only, in types of its own (never database entities), so a new
// column on an entity cannot reach readers' apps by accident.

/// <summary>
/// A published story. Related things appear only when asked for with <c>include=</c>. <c>access</c> is "public" or
/// "members"; for a members-only story <c>bodyHtml</c> is its teaser (the first paragraphs), never the members' part.
/// </summary>
public sealed record ContentArticle(
    int Id, string Slug, string Headline, string Standfirst, string Url, string BodyHtml, int SectionId, string SectionPath,
    ContentImage? HeroImage, string? SeoTitle, string? SeoDescription, DateTime PublishedAt, DateTime UpdatedAt, string Access)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ContentSection? Section { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ContentAuthor>? Authors { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ContentTag>? Tags { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ContentCredit>? Credits { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ContentNote>? Notes { get; init; }

    /// <summary>The live coverage, for a story that is a live blog; null (and still present) for any other story.</summary>
    public ContentLiveBlog? LiveBlog { get; init; }

    /// <summary>The names <c>fields=</c> may pick from (the JSON names of the positional members, and liveBlog).</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["id", "slug", "headline", "standfirst", "url", "bodyHtml", "sectionId", "sectionPath", "heroImage", "seoTitle", "seoDescription", "publishedAt", "updatedAt", "access", "liveBlog"];

    /// <summary>The names <c>include=</c> may pick from.</summary>
    public static readonly IReadOnlyList<string> IncludeNames = ["section", "authors", "tags", "credits", "notes"];
}

public sealed record ContentImage(string Url, string Alt, string? Caption, string? Credit, int? Width, int? Height);

public sealed record ContentSection(int Id, string Name, string Path, int? ParentId, string? Description, string Url)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<ContentSection>? Children { get; init; }
}

public sealed record ContentAuthor(int Id, string Name, string Slug, string? Bio, string? PhotoUrl, IReadOnlyList<string> Links, string Url);

public sealed record ContentTag(int Id, string Name, string Slug, string Url)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? ArticleCount { get; init; }
}

/// <summary>
/// A typed credit ("Pictures: Northlight Studios"); <c>authorSlug</c> when the name is one of the publication's authors;
/// <c>kind</c> "person" or "organization".
/// </summary>
public sealed record ContentCredit(string Role, string Name, string? AuthorSlug, string Kind);

/// <summary>An update or correction shown on the story.</summary>
public sealed record ContentNote(string Kind, string Text, DateTime At);

/// <summary>
/// A story's live coverage: <c>state</c> is "live" or "ended", the times are schema.org's coverageStartTime/EndTime, and
/// <c>entries</c> is the API address of its entries.
/// </summary>
public sealed record ContentLiveBlog(string State, DateTime CoverageStartTime, DateTime? CoverageEndTime, int EntryCount, string Entries);

/// <summary>One live-blog entry: <c>url</c> is its permalink on the story's page, <c>bodyHtml</c> sanitized HTML.</summary>
public sealed record ContentLiveEntry(int Id, int ArticleId, string Url, string BodyHtml, bool KeyEvent, DateTime PublishedAt, DateTime UpdatedAt, ContentEntryAuthor? Author);

/// <summary>Who posted an entry; absent for a desk account without a byline.</summary>
public sealed record ContentEntryAuthor(string Name, string Slug, string Url);

public sealed record ContentPage(int Id, string Title, string Slug, string Url, string BodyHtml, DateTime UpdatedAt);

/// <summary>Every answer wraps its content in <c>data</c>, leaving room beside it.</summary>
public sealed record ContentEnvelope<T>(T Data);

/// <summary>A page of a list; <c>pagination.next</c> is the address of the next page, absent on the last.</summary>
public sealed record ContentListPage<T>(IReadOnlyList<T> Data, ContentPagination Pagination);

public sealed record ContentPagination(int Limit, string? NextCursor, string? Next);
