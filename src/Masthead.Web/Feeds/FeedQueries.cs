using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Feeds;

/// <summary>One story as a feed needs it; the body is only read when the publication sends full text.</summary>
public sealed record FeedRow(
    int Id, string Headline, string Slug, int PrimarySectionId, string Standfirst, string? SeoDescription, string? BodyHtml,
    DateTime PublishedAt, DateTime? UpdatedAt, DateTime ModifiedAt, ImageModel? Hero,
    IReadOnlyList<AuthorLink> Bylines, IReadOnlyList<CreditLine> Credits, IReadOnlyList<TagLink> Tags, IReadOnlyList<int> AlsoInSections,
    DateTime? LiveStartedAt,
    StoryAccess Access = StoryAccess.Public)
{
    /// <summary>A live blog's latest entries, newest first; read only for full-text feeds.</summary>
    public IReadOnlyList<FeedEntry> Entries { get; init; } = [];
}

/// <summary>One live-blog entry inside its story's feed item.</summary>
public sealed record FeedEntry(int Id, string BodyHtml, DateTime PublishedAt, DateTime UpdatedAt, string? AuthorName);

/// <summary>The latest published stories of a feed's scope, newest first. Drafts, scheduled and withdrawn stories never appear.</summary>
public sealed class FeedQueries(MastheadDbContext db, PageTags tags)
{
    public const int ItemCount = 20;

    /// <summary>How many of a live blog's entries its item carries: enough to follow along, not the whole day.</summary>
    public const int EntryCount = 10;

    private IQueryable<Article> Published => db.Articles.AsNoTracking().Published();

    public Task<List<FeedRow>> PublicationAsync(bool withBody, CancellationToken ct)
    {
        tags.Add(PublicCacheTags.Latest);
        return LatestAsync(Published, withBody, ct);
    }

    public Task<List<FeedRow>> SectionsAsync(IReadOnlyCollection<int> sectionIds, bool withBody, CancellationToken ct)
    {
        foreach (var id in sectionIds) tags.Add(PublicCacheTags.Section(id));
        return LatestAsync(Published.InSections(sectionIds), withBody, ct);
    }

    public async Task<(string Name, string? Bio, List<FeedRow> Rows)?> AuthorAsync(string slug, bool withBody, CancellationToken ct)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name, a.Bio }).FirstOrDefaultAsync(ct);
        if (author is null) return null;
        tags.Add(PublicCacheTags.Author(author.Id));
        return (author.Name, author.Bio, await LatestAsync(Published.Where(a => a.Bylines.Any(b => b.AuthorId == author.Id)), withBody, ct));
    }

    public async Task<(string Name, List<FeedRow> Rows)?> TagAsync(string slug, bool withBody, CancellationToken ct)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(ct);
        if (tag is null) return null;
        tags.Add(PublicCacheTags.Tag(tag.Id));
        return (tag.Name, await LatestAsync(Published.Where(a => a.Tags.Any(t => t.TagId == tag.Id)), withBody, ct));
    }

    private async Task<List<FeedRow>> LatestAsync(IQueryable<Article> scope, bool withBody, CancellationToken ct)
    {
        var rows = await LatestRowsAsync(scope, withBody, ct);
        tags.AddArticles(rows.Select(r => r.Id));
        var live = rows.Where(r => r.LiveStartedAt is not null).Select(r => r.Id).ToList();
        if (!withBody || live.Count == 0) return rows;
        // A feed holds few live blogs at once, so a short indexed read for each is cheaper than one clever statement.
        var entries = new Dictionary<int, List<FeedEntry>>();
        foreach (var id in live)
            entries[id] = await db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == id)
                .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).Take(EntryCount)
                .Select(e => new FeedEntry(e.Id, e.BodyHtml, e.PublishedAt, e.UpdatedAt, e.Author == null ? null : e.Author.Name))
                .ToListAsync(ct);
        return rows.Select(r => r.LiveStartedAt is null ? r
            : r with { Entries = entries[r.Id] }).ToList();
    }

    private static Task<List<FeedRow>> LatestRowsAsync(IQueryable<Article> scope, bool withBody, CancellationToken ct) => scope
        .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
        .Take(ItemCount)
        .Select(a => new FeedRow(
            a.Id, a.Headline, a.Slug, a.PrimarySectionId, a.Standfirst, a.SeoDescription, withBody ? a.BodyHtml : null,
            a.FirstPublishedAt!.Value, a.UpdatedAt, a.ModifiedAt,
            a.HeroImage == null ? null : new ImageModel(a.HeroImage.Url, a.HeroImage.Alt, a.HeroImage.Width, a.HeroImage.Height, a.HeroImage.Caption, a.HeroImage.Credit,
                a.HeroImage.Media == null ? null : new MediaRef(a.HeroImage.Media.StorageKey, a.HeroImage.Media.Width, a.HeroImage.Media.Height,
                    a.HeroImage.Media.FocalX, a.HeroImage.Media.FocalY, a.HeroImage.Media.Fallback)),
            a.Bylines.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Name, b.Author.Slug)).ToList(),
            a.Credits.OrderBy(c => c.Position).Select(c => new CreditLine(c.Role, c.Name, c.Author == null ? null : c.Author.Slug, c.Kind)).ToList(),
            a.Tags.OrderBy(t => t.Tag.Name).Select(t => new TagLink(t.Tag.Name, t.Tag.Slug)).ToList(),
            a.SecondarySections.Select(s => s.SectionId).ToList(),
            a.LiveStartedAt, a.Access))
        .AsSplitQuery()
        .ToListAsync(ct);
}
