using Masthead.Core.Articles;
using Masthead.Core.Media;

namespace Masthead.Web.PublicSite;

// Immutable records the templates receive; templates never see database entities.

/// <summary>A picture on a page: from the media library (<see cref="Media"/> set, shown responsive) or an external URL.</summary>
public sealed partial record ImageModel(string Url, string Alt, int? Width, int? Height, string? Caption = null, string? Credit = null, MediaRef? Media = null)
{
    /// <summary>
    /// The size of the file at <see cref="Url"/>, for og:image, JSON-LD and feeds: a library picture's address names a scaled-down file
    /// (its width is in the address; the height keeps the original's proportions); any other picture is as declared.
    /// </summary>
    public (int Width, int Height)? FileSize =>
        Media is { Width: > 0, Height: > 0 } media && FileWidth().Match(Url) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)
            ? (width, (int)Math.Round((double)media.Height * width / media.Width))
            : Width is { } w && Height is { } h ? (w, h) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"/(\d+)\.[a-z]+$")]
    private static partial System.Text.RegularExpressions.Regex FileWidth();
}

public sealed record ArticleCard(
    int Id, string Headline, string Slug, string SectionPath, string SectionName, string Standfirst,
    DateTime PublishedAt, ImageModel? Image, IReadOnlyList<string> Bylines)
{
    public string Url => $"/{SectionPath}/{Slug}";
}

public sealed record AuthorLink(string Name, string Slug)
{
    public string Url => "/author/" + Slug;
}

public sealed record CreditLine(string Role, string Name, string? AuthorSlug, CreditKind Kind = CreditKind.Person);

public sealed record NoteModel(ArticleNoteKind Kind, string Text, DateTime At);

public sealed record TagLink(string Name, string Slug)
{
    public string Url => "/tag/" + Slug;
}

public sealed record ArticlePageModel(
    int Id, string Headline, string Slug, string Standfirst, string BodyHtml, SectionNode Section,
    IReadOnlyList<AuthorLink> Bylines, IReadOnlyList<CreditLine> Credits, IReadOnlyList<TagLink> Tags,
    IReadOnlyList<NoteModel> Notes, ImageModel? Hero, string? SeoTitle, string? SeoDescription,
    DateTime PublishedAt, DateTime? UpdatedAt, DateTime ModifiedAt, IReadOnlyList<ArticleCard> Related,
    LiveBlogs.LiveBlogModel? Live = null, StoryAccess Access = StoryAccess.Public, string? MembersHtml = null)
{
    /// <summary>The class of the element that holds a members-only story's part for members (named in its JSON-LD).</summary>
    public const string MembersOnlyClass = "members-only";

    public string Url => $"/{Section.Path}/{Slug}";

    /// <summary>A members-only story shown without its members' part (<see cref="BodyHtml"/> is then the teaser).</summary>
    public bool IsTeaser => Access == StoryAccess.Members && MembersHtml is null;

    /// <summary>The page's Last-Modified: the story, or its newest entry change on a live blog.</summary>
    public DateTime LastChangedAt => Live?.LastEntryChange is { } entry && entry > ModifiedAt ? entry : ModifiedAt;
    public bool WasUpdated => UpdatedAt is { } u && u > PublishedAt.AddMinutes(1);
}

public sealed record Paging(int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

public sealed record SectionRow(SectionNode Section, IReadOnlyList<ArticleCard> Articles);

public sealed record HomePageModel(ArticleCard? Lead, IReadOnlyList<ArticleCard> Latest, IReadOnlyList<SectionRow> Rows);

public sealed record SectionPageModel(SectionNode Section, IReadOnlyList<ArticleCard> Articles, Paging Paging);

public sealed record AuthorPageModel(string Name, string Slug, string? Bio, string? PhotoUrl, IReadOnlyList<string> Links, IReadOnlyList<ArticleCard> Articles, Paging Paging);

public sealed record TagPageModel(string Name, string Slug, IReadOnlyList<ArticleCard> Articles, Paging Paging);

/// <param name="Description">The page's opening words, for search engines and link previews (pages have no summary field).</param>
public sealed record StandalonePageModel(string Title, string Slug, string BodyHtml, DateTime ModifiedAt, string Description);
