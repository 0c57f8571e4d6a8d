namespace Masthead.Core.Articles;

/// <summary>
/// The writable fields of an article, as sent by the admin API. On update, a field left out (null) keeps
/// its current value; a list that is sent replaces the whole list.
/// </summary>
public sealed record ArticleInput
{
    public string? Headline { get; init; }
    /// <summary>Made from the headline when left out.</summary>
    public string? Slug { get; init; }
    public string? Standfirst { get; init; }
    /// <summary>Markdown with Masthead's extensions (see docs/body-format.md).</summary>
    public string? Body { get; init; }
    /// <summary>Path of the primary section, e.g. "culture/film-tv".</summary>
    public string? Section { get; init; }
    /// <summary>Paths of further sections the article appears in.</summary>
    public List<string>? AlsoIn { get; init; }
    /// <summary>Author slugs, in byline order.</summary>
    public List<string>? Bylines { get; init; }
    public List<CreditInput>? Credits { get; init; }
    /// <summary>Tag names; unknown tags are created.</summary>
    public List<string>? Tags { get; init; }
    public HeroImageInput? HeroImage { get; init; }
    public string? SeoTitle { get; init; }
    public string? SeoDescription { get; init; }
    /// <summary>"public" (everyone reads it in full) or "members" (the public reads a teaser; members the whole story).</summary>
    public string? Access { get; init; }
}

/// <summary>
/// A credit: a role and either a free-text name or an author slug (or both), and whether it names a "person" or an
/// "organization". Left out, the kind stays what the same credit had, or is presumed (see <see cref="CreditKindNames.Presumed"/>).
/// </summary>
public sealed record CreditInput(string? Role, string? Name, string? Author, string? Kind = null);

/// <summary>
/// The story's top picture: either <c>mediaId</c>, a picture from the media library (its alt text, caption
/// and credit are used where these are left out; its size is always its own), or <c>url</c> for an external
/// image. Neither removes the picture.
/// </summary>
public sealed record HeroImageInput(string? Url, string? Alt, string? Caption, string? Credit, int? Width, int? Height, int? MediaId = null);
