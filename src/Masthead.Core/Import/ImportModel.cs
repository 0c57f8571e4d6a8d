namespace Masthead.Core.Import;

/// <summary>
/// The neutral shape every reader produces, whatever it reads (WordPress, Ghost, a Masthead export): the
/// writer only knows these records. Ids are the source system's own, as strings.
/// </summary>
public sealed record ImportSection(string ExternalId, string Name, string Slug, string? ParentExternalId, string? Description);

public sealed record ImportAuthor(string ExternalId, string Name, string Slug, string? Bio = null, string? PhotoUrl = null, IReadOnlyList<string>? Links = null);

public sealed record ImportTag(string ExternalId, string Name, string Slug);

/// <summary>Where a story stood in its old system, named by what it meant there.</summary>
public enum ImportStatus
{
    Published,
    Draft,
    Scheduled,
    PendingReview,
    /// <summary>WordPress "private": visible only to logged-in staff. Imported as unpublished (see docs/import.md).</summary>
    Private,
}

public enum ImportStoryKind
{
    Article,
    Page,
}

/// <summary>How a body was written in the source; every kind is turned into HTML and then into Masthead's body format.</summary>
public enum ImportBodyFormat
{
    Html,
    Lexical,
    Mobiledoc,
    /// <summary>Already Masthead's own Markdown (a Masthead export).</summary>
    Markdown,
}

public sealed record ImportImage(string Url, string? Alt, string? Caption);

public sealed record ImportStory
{
    public required ImportStoryKind Kind { get; init; }
    public required string ExternalId { get; init; }
    public required string Title { get; init; }
    /// <summary>Empty when the source had none (WordPress drafts); the writer makes one from the title.</summary>
    public required string Slug { get; init; }
    public required ImportStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? CreatedAt { get; init; }
    public DateTime? ModifiedAt { get; init; }
    public string? Excerpt { get; init; }
    public required string Body { get; init; }
    public required ImportBodyFormat BodyFormat { get; init; }
    public ImportImage? FeaturedImage { get; init; }
    public string? SeoTitle { get; init; }
    public string? SeoDescription { get; init; }
    /// <summary>External ids of sections, the primary first.</summary>
    public IReadOnlyList<string> SectionIds { get; init; } = [];
    public IReadOnlyList<string> TagIds { get; init; } = [];
    /// <summary>Tags first met on this story (not in the export's own list), to be created with it.</summary>
    public IReadOnlyList<ImportTag> NewTags { get; init; } = [];
    /// <summary>External ids of authors, in byline order.</summary>
    public IReadOnlyList<string> AuthorIds { get; init; } = [];
    /// <summary>Paths the story answered to on the old site ("2022/04/25/slug", "?p=123"), without leading slash.</summary>
    public IReadOnlyList<string> OldPaths { get; init; } = [];
}

/// <summary>An old address of a section, tag or author page ("tag/x", "category/news"), redirected to its new home.</summary>
public sealed record ImportOldPath(string Path, ImportEntityKind Kind, string ExternalId);

public enum ImportEntityKind
{
    Section,
    Tag,
    Author,
    Article,
    Page,
    Media,
}

/// <summary>
/// What a reader learns in its first pass: the small, referenced things. Stories, the bulk of any export,
/// come afterwards one at a time from <see cref="IImportSource.ReadStories"/>.
/// </summary>
public sealed class ImportCatalog
{
    public List<ImportSection> Sections { get; } = [];
    public List<ImportAuthor> Authors { get; } = [];
    public List<ImportTag> Tags { get; } = [];
    public List<ImportOldPath> OldPaths { get; } = [];
    /// <summary>How many stories the second pass will yield, for the progress bar.</summary>
    public int StoryCount { get; set; }
    /// <summary>
    /// The slugs the export's articles state. A story without one (a WordPress draft) takes one from its title, and
    /// must not take a slug a story later in the file states.
    /// </summary>
    public HashSet<string> ArticleSlugs { get; } = new(StringComparer.Ordinal);
}
