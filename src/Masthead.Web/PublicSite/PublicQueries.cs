using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.PublicSite;

/// <summary>Read-side projections for the public site: only published stories, never tracked, shaped for the templates.</summary>
public sealed class PublicQueries(MastheadDbContext db, PageTags tags, ArticlePageReads articles, LiveBlogs.LiveEntryQueries live)
{
    public const int PageSize = 20;

    private IQueryable<Article> Published => db.Articles.AsNoTracking().Published();

    /// <summary>
    /// Story cards, newest first, in two flat statements: the cards, then the bylines of just those stories
    /// (ordered, by the byline index). Section names come from the in-memory site model. Joining the bylines
    /// into the first statement made SQLite materialise every byline in the publication for each list.
    /// </summary>
    private async Task<List<ArticleCard>> Cards(SiteModel site, IQueryable<Article> articles, int take, CancellationToken ct, int skip = 0)
    {
        var rows = await articles
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take)
            .Select(a => new
            {
                a.Id, a.Headline, a.Slug, a.PrimarySectionId, a.Standfirst, a.FirstPublishedAt,
                Hero = a.HeroImage == null ? null : new ImageModel(a.HeroImage.Url, a.HeroImage.Alt, a.HeroImage.Width, a.HeroImage.Height, null, null,
                    a.HeroImage.Media == null ? null : new MediaRef(a.HeroImage.Media.StorageKey, a.HeroImage.Media.Width, a.HeroImage.Media.Height,
                    a.HeroImage.Media.FocalX, a.HeroImage.Media.FocalY, a.HeroImage.Media.Fallback)),
            })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        tags.AddArticles(ids);
        var names = (await db.Set<Byline>().AsNoTracking().Where(b => ids.Contains(b.ArticleId))
                .OrderBy(b => b.ArticleId).ThenBy(b => b.Position)
                .Select(b => new { b.ArticleId, b.Author.Name })
                .ToListAsync(ct))
            .ToLookup(b => b.ArticleId, b => b.Name);
        var cards = new List<ArticleCard>(rows.Count);
        foreach (var r in rows)
        {
            if (!site.SectionsById.TryGetValue(r.PrimarySectionId, out var section)) continue;
            cards.Add(new ArticleCard(r.Id, r.Headline, r.Slug, section.Path, section.Name, r.Standfirst, r.FirstPublishedAt!.Value, r.Hero, [.. names[r.Id]]));
        }
        return cards;
    }

    /// <summary>The pinned stories of the given pages (null: the home page), each page's in order: one statement for them all.</summary>
    private async Task<ILookup<int?, int>> PinsAsync(IReadOnlyCollection<int?> pages, CancellationToken ct)
    {
        var sectionIds = pages.OfType<int>().ToList();
        var home = pages.Contains(null);
        return (await db.Pins.AsNoTracking().Where(p => (home && p.SectionId == null) || (p.SectionId != null && sectionIds.Contains(p.SectionId.Value)))
                .OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => new { p.SectionId, p.ArticleId }).ToListAsync(ct))
            .ToLookup(p => p.SectionId, p => p.ArticleId);
    }

    /// <summary>The cards of a page's pinned stories (<paramref name="pinned"/>, in order) that are in <paramref name="within"/>.</summary>
    private async Task<List<ArticleCard>> PinnedCards(SiteModel site, IEnumerable<int> pinned, IQueryable<Article> within, ICollection<int> exclude, CancellationToken ct)
    {
        var ids = pinned.Where(id => !exclude.Contains(id)).ToList();
        if (ids.Count == 0) return [];
        var cards = await Cards(site, within.Where(a => ids.Contains(a.Id)), ids.Count, ct);
        return [.. cards.OrderBy(c => ids.IndexOf(c.Id))];
    }

    /// <summary>A page's pinned stories, then the newest others, <paramref name="take"/> in all, none of <paramref name="exclude"/>.</summary>
    private async Task<List<ArticleCard>> PinnedThenNewest(SiteModel site, IEnumerable<int> pinned, IQueryable<Article> within, int take, ICollection<int> exclude, CancellationToken ct)
    {
        var cards = await PinnedCards(site, pinned, within, exclude, ct);
        var skip = cards.Select(c => c.Id).Concat(exclude).ToList();
        if (cards.Count < take) cards.AddRange(await Cards(site, within.Where(a => !skip.Contains(a.Id)), take - cards.Count, ct));
        return cards.Take(take).ToList();
    }

    public async Task<HomePageModel> HomeAsync(SiteModel site, CancellationToken ct)
    {
        tags.Add(PublicCacheTags.Home);
        tags.Add(PublicCacheTags.Latest);
        // Pins lead, then the newest; each section's row then leads with that section's pins. No story shows twice.
        var shown = new HashSet<int>();
        var pins = await PinsAsync([null, .. site.TopSections.Select(s => (int?)s.Id)], ct);
        var top = await PinnedThenNewest(site, pins[null], Published, 7, shown, ct);
        shown.UnionWith(top.Select(c => c.Id));
        var rows = new List<SectionRow>();
        foreach (var section in site.TopSections)
        {
            var ids = section.SelfAndDescendants().Select(s => s.Id).ToList();
            var cards = await PinnedThenNewest(site, pins[section.Id], InSections(ids), 4, shown, ct);
            shown.UnionWith(cards.Select(c => c.Id));
            if (cards.Count > 0) rows.Add(new SectionRow(section, cards));
        }
        return new HomePageModel(top.FirstOrDefault(), top.Skip(1).ToList(), rows);
    }

    private IQueryable<Article> InSections(List<int> sectionIds) =>
        Published.InSections(sectionIds);

    public async Task<SectionPageModel> SectionAsync(SiteModel site, SectionNode section, int page, CancellationToken ct)
    {
        tags.Add(PublicCacheTags.Section(section.Id));
        var ids = section.SelfAndDescendants().Select(s => s.Id).ToList();
        var query = InSections(ids);
        var total = await query.CountAsync(ct);
        // The section's pins open its first page; every page after follows on from the newest of the rest.
        var pinned = await PinnedCards(site, (await PinsAsync([section.Id], ct))[section.Id], query, [], ct);
        var pinnedIds = pinned.Select(c => c.Id).ToList();
        var rest = query.Where(a => !pinnedIds.Contains(a.Id));
        var cards = page == 1
            ? [.. pinned, .. await Cards(site, rest, PageSize - pinned.Count, ct)]
            : await Cards(site, rest, PageSize, ct, (page - 1) * PageSize - pinned.Count);
        return new SectionPageModel(section, cards, new Paging(page, PageSize, total));
    }

    public async Task<AuthorPageModel?> AuthorAsync(SiteModel site, string slug, int page, CancellationToken ct)
    {
        var author = await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (author is null) return null;
        tags.Add(PublicCacheTags.Author(author.Id));
        var query = Published.Where(a => a.Bylines.Any(b => b.AuthorId == author.Id));
        var total = await query.CountAsync(ct);
        var cards = await Cards(site, query, PageSize, ct, (page - 1) * PageSize);
        return new AuthorPageModel(author.Name, author.Slug, author.Bio, author.PhotoUrl, author.Links, cards, new Paging(page, PageSize, total));
    }

    public async Task<TagPageModel?> TagAsync(SiteModel site, string slug, int page, CancellationToken ct)
    {
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tag is null) return null;
        tags.Add(PublicCacheTags.Tag(tag.Id));
        var query = Published.Where(a => a.Tags.Any(t => t.TagId == tag.Id));
        var total = await query.CountAsync(ct);
        // A tag on no public story is not public either: its name alone could say what an embargoed story is about.
        // (Its cache tag is on the 404, so the first story published with it brings the page.)
        if (total == 0) return null;
        var cards = await Cards(site, query, PageSize, ct, (page - 1) * PageSize);
        return new TagPageModel(tag.Name, tag.Slug, cards, new Paging(page, PageSize, total));
    }

    /// <summary>The current slug of the tag that used to answer to <paramref name="oldSlug"/>.</summary>
    public Task<string?> TagRedirectTargetAsync(string oldSlug, CancellationToken ct) =>
        db.TagRedirects.AsNoTracking().Where(r => r.OldSlug == oldSlug)
            .Join(db.Tags, r => r.TagId, t => t.Id, (r, t) => t.Slug).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Where an address of an imported site's old URL scheme ("2022/04/25/slug", "?p=123", "tag/x") lives now,
    /// or null. The target is found by id on each request, so renames since the import are followed.
    /// </summary>
    public async Task<string?> LegacyTargetAsync(string path, CancellationToken ct)
    {
        var key = Masthead.Core.Import.LegacyUrl.Normalize(path);
        if (key.Length is 0 or > Masthead.Core.Import.LegacyUrl.MaxPath) return null;
        var legacy = await db.LegacyUrls.AsNoTracking().Where(u => u.Path == key).Select(u => new { u.TargetKind, u.TargetId }).FirstOrDefaultAsync(ct);
        if (legacy is null) return null;
        var id = legacy.TargetId;
        return legacy.TargetKind switch
        {
            Masthead.Core.Import.ImportEntityKind.Article => await db.Articles.AsNoTracking().Where(a => a.Id == id && a.Status == ArticleStatus.Published)
                .Join(db.Sections, a => a.PrimarySectionId, s => s.Id, (a, s) => "/" + s.Path + "/" + a.Slug).FirstOrDefaultAsync(ct),
            Masthead.Core.Import.ImportEntityKind.Page => await db.Pages.AsNoTracking().Where(p => p.Id == id).Select(p => "/" + p.Slug).FirstOrDefaultAsync(ct),
            Masthead.Core.Import.ImportEntityKind.Section => await db.Sections.AsNoTracking().Where(s => s.Id == id).Select(s => "/" + s.Path).FirstOrDefaultAsync(ct),
            Masthead.Core.Import.ImportEntityKind.Tag => await db.Tags.AsNoTracking().Where(t => t.Id == id).Select(t => "/tag/" + t.Slug).FirstOrDefaultAsync(ct),
            Masthead.Core.Import.ImportEntityKind.Author => await db.Authors.AsNoTracking().Where(a => a.Id == id).Select(a => "/author/" + a.Slug).FirstOrDefaultAsync(ct),
            _ => null,
        };
    }

    public async Task<StandalonePageModel?> PageAsync(string slug, CancellationToken ct) =>
        await db.Pages.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { p.Title, p.Slug, p.BodyHtml, p.ModifiedAt }).FirstOrDefaultAsync(ct) is { } page
            ? new StandalonePageModel(page.Title, page.Slug, page.BodyHtml, page.ModifiedAt, Masthead.Core.Search.PlainText.Opening(page.BodyHtml))
            : null;

    /// <summary>
    /// The story a slug names, in whatever state: the endpoint decides between the page, 410 and 404.
    /// One narrow row (no Markdown source) from a prepared statement.
    /// </summary>
    public Task<ArticleRow?> ArticleBySlugAsync(string slug, CancellationToken ct) => articles.BySlugAsync(slug, ct);

    public async Task<(string Slug, int SectionId)?> RedirectTargetAsync(string oldSlug, CancellationToken ct)
    {
        var target = await db.ArticleRedirects.AsNoTracking().Where(r => r.OldSlug == oldSlug)
            .Join(db.Articles.Where(a => a.Status == ArticleStatus.Published), r => r.ArticleId, a => a.Id, (r, a) => new { a.Slug, a.PrimarySectionId })
            .FirstOrDefaultAsync(ct);
        return target is null ? null : (target.Slug, target.PrimarySectionId);
    }

    /// <param name="member">Whether the reader is a signed-in member: only then does a members-only story come whole.</param>
    public async Task<ArticlePageModel?> ArticleAsync(SiteModel site, ArticleRow a, bool member, CancellationToken ct)
    {
        if (a.Status != ArticleStatus.Published || a.FirstPublishedAt is not { } published
            || !site.SectionsById.TryGetValue(a.PrimarySectionId, out var section)) return null;

        tags.Add(PublicCacheTags.Article(a.Id));
        var page = await PageModelAsync(site, a, section, published, member, ct);
        tags.AddArticles(page.Related.Select(r => r.Id));
        return page;
    }

    /// <summary>
    /// A story in any state as its page will show it, for the newsroom's preview: the same reads and the same model as
    /// the public page (so the preview cannot drift from it), dated when it is planned to go out. Never cached.
    /// </summary>
    public async Task<ArticlePageModel?> PreviewAsync(SiteModel site, int id, CancellationToken ct)
    {
        if (await articles.ByIdAsync(id, ct) is not { } a) return null;
        var section = site.SectionsById.GetValueOrDefault(a.PrimarySectionId) ?? site.TopSections.First();
        return await PageModelAsync(site, a, section, a.FirstPublishedAt ?? a.ScheduledFor ?? a.ModifiedAt, member: true, ct);
    }

    private async Task<ArticlePageModel> PageModelAsync(SiteModel site, ArticleRow a, SectionNode section, DateTime published, bool member, CancellationToken ct)
    {
        var parts = await articles.PartsAsync(a, site, ct);
        // A members-only story is cut here, before any template sees it: a reader who is not a member is never sent
        // the members' part, not even hidden.
        var (body, membersPart) = a.Access == StoryAccess.Members ? Teaser.Split(a.BodyHtml) : (a.BodyHtml, null);
        return new ArticlePageModel(
            a.Id, a.Headline, a.Slug, a.Standfirst, body, section, parts.Bylines, parts.Credits, parts.Tags, parts.Notes,
            a.Hero, a.SeoTitle, a.SeoDescription, published, a.UpdatedAt, a.ModifiedAt, parts.Related,
            await live.ForArticleAsync(a.Id, a.LiveStartedAt, a.LiveEndedAt, ct), a.Access, member ? membersPart : null);
    }
}

public sealed record ArticleRow(
    int Id, ArticleStatus Status, int PrimarySectionId, string Headline, string Slug, string Standfirst, string BodyHtml,
    ImageModel? Hero, string? SeoTitle, string? SeoDescription, DateTime? FirstPublishedAt, DateTime? UpdatedAt, DateTime ModifiedAt,
    DateTime? LiveStartedAt = null, DateTime? LiveEndedAt = null, DateTime? ScheduledFor = null, StoryAccess Access = StoryAccess.Public);
