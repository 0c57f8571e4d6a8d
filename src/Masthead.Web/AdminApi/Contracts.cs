using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Sections;
using Masthead.Core.Tags;

namespace Masthead.Web.AdminApi;

// What the admin API returns. Contracts are their own types, never database entities.

/// <summary>An article as editors see it, drafts included.</summary>
public sealed record ArticleDto(
    int Id, int Version, string Status, string Headline, string Slug, string Url, string Standfirst, string Body,
    string Section, IReadOnlyList<string> AlsoIn, IReadOnlyList<BylineDto> Bylines, IReadOnlyList<CreditDto> Credits,
    IReadOnlyList<TagDto> Tags, HeroImageDto? HeroImage, string? SeoTitle, string? SeoDescription,
    DateTime? FirstPublishedAt, DateTime? UpdatedAt, DateTime? ScheduledFor, DateTime CreatedAt, DateTime ModifiedAt,
    IReadOnlyList<NoteDto> Notes, DateTime? EmbargoUntil, PendingChangesDto? PendingChanges, LiveCoverageDto? Live, string Access)
{
    public static ArticleDto From(Article a) => new(
        a.Id, a.Version, Camel(a.Status.ToString()), a.Headline, a.Slug, $"/{a.PrimarySection.Path}/{a.Slug}", a.Standfirst, a.BodyMarkdown,
        a.PrimarySection.Path, a.SecondarySections.Select(s => s.Section.Path).ToList(),
        a.Bylines.OrderBy(b => b.Position).Select(b => new BylineDto(b.Author.Slug, b.Author.Name)).ToList(),
        a.Credits.OrderBy(c => c.Position).Select(c => new CreditDto(c.Role, c.Name, c.Author?.Slug, CreditKindNames.Of(c.Kind))).ToList(),
        a.Tags.Select(t => TagDto.From(t.Tag)).OrderBy(t => t.Name).ToList(),
        a.HeroImage is { } h ? new HeroImageDto(h.Url, h.Alt, h.Caption, h.Credit, h.Width, h.Height, h.MediaId) : null,
        a.SeoTitle, a.SeoDescription, a.FirstPublishedAt, a.UpdatedAt, a.ScheduledFor, a.CreatedAt, a.ModifiedAt,
        a.Notes.OrderBy(n => n.At).Select(n => new NoteDto(Camel(n.Kind.ToString()), n.Text, n.At)).ToList(), a.EmbargoUntil,
        a.Pending is { } p ? PendingChangesDto.From(p) : null,
        a.LiveStartedAt is { } started ? new LiveCoverageDto(a.IsLive, started, a.LiveEndedAt) : null,
        StoryAccessNames.Of(a.Access));

    internal static string Camel(string value) => char.ToLowerInvariant(value[0]) + value[1..];
}

/// <summary>Edits to a published, approved or scheduled story that are not live yet: the whole story as they would make it.</summary>
public sealed record PendingChangesDto(string State, DateTime SavedAt, string SavedBy, int BaseVersion, Masthead.Core.Revisions.ArticleSnapshot Story)
{
    public static PendingChangesDto From(PendingChange p) => new(ArticleDto.Camel(p.State.ToString()), p.SavedAt, p.SavedByName, p.BaseVersion, p.Content);
}

public sealed record ArticleSummaryDto(int Id, int Version, string Status, string Headline, string Slug, string Section, DateTime? FirstPublishedAt, DateTime ModifiedAt);

public sealed record BylineDto(string Slug, string Name);
/// <summary>A credit; <c>kind</c> is "person" or "organization".</summary>
public sealed record CreditDto(string Role, string Name, string? Author, string Kind);
/// <summary>The top picture; <c>mediaId</c> names a media library picture, whose files are listed at /api/admin/media/{mediaId}.</summary>
public sealed record HeroImageDto(string Url, string Alt, string? Caption, string? Credit, int? Width, int? Height, int? MediaId);
/// <summary>Present on a live blog: whether coverage is running, and when it started (and ended).</summary>
public sealed record LiveCoverageDto(bool IsLive, DateTime StartedAt, DateTime? EndedAt);
public sealed record NoteDto(string Kind, string Text, DateTime At);

public sealed record TagDto(int Id, string Name, string Slug)
{
    public static TagDto From(Tag t) => new(t.Id, t.Name, t.Slug);
}

public sealed record SectionDto(int Id, string Name, string Slug, string Path, string? Parent, string? Description, int SortOrder)
{
    public static SectionDto From(Section s, string? parentPath) => new(s.Id, s.Name, s.Slug, s.Path, parentPath, s.Description, s.SortOrder);
}

public sealed record AuthorDto(int Id, string Name, string Slug, string? Bio, string? PhotoUrl, IReadOnlyList<string> Links)
{
    public static AuthorDto From(Author a) => new(a.Id, a.Name, a.Slug, a.Bio, a.PhotoUrl, a.Links);
}

public sealed record ScheduleRequest(DateTime? PublishAt);
public sealed record ReviewRequest(string? Comment);
public sealed record EmbargoRequest(DateTime? Until);
public sealed record NoteRequest(ArticleNoteKind? Kind, string? Text);
public sealed record ListResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
