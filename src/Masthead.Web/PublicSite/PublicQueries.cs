using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.PublicSite;

/// <summary>Read-side projections for the public site: only published stories, never tracked, shaped for the templates.</summary>
public sealed class PublicQueries(MastheadDbContext db, PageTags tags, ArticlePageReads articles, ListingReads listings, LiveBlogs.LiveEntryQueries live)
{
    public const int PageSize = 20;

    public const int LeadCount = 7;
    public const int RowCount = 4;

    public async Task<HomePageModel> HomeAsync(SiteModel site, CancellationToken ct)
    {
        tags.Add(PublicCacheTags.Home);
        tags.Add(PublicCacheTags.Latest);
        // Pins lead, then the newest; each section's row then leads with that section's pins. No story shows twice.
        var (top, rows) = await listings.HomeAsync(site, LeadCount, RowCount, ct);
        tags.AddArticles(top.Select(c => c.Id).Concat(rows.SelectMany(r => r.Cards).Select(c => c.Id)));
        return new HomePageModel(top.FirstOrDefault(), top.Skip(1).ToList(), [.. rows.Select(r => new SectionRow(r.Section, r.Cards))]);
    }

    public async Task<SectionPageModel> SectionAsync(SiteModel site, SectionNode section, int page, CancellationToken ct)
    {
        tags.Add(PublicCacheTags.Section(section.Id));
        var (cards, total) = await listings.SectionAsync(site, section, page, PageSize, ct);
        tags.AddArticles(cards.Select(c => c.Id));
        return new SectionPageModel(section, cards, new Paging(page, PageSize, total));
    }

    public async Task<AuthorPageModel?> AuthorAsync(SiteModel site, string slug, int page, CancellationToken ct)
    {
        if (await listings.AuthorAsync(site, slug, page, PageSize, ct) is not var (id, model)) return null;
        tags.Add(PublicCacheTags.Author(id));
        tags.AddArticles(model.Articles.Select(c => c.Id));
        return model;
    }

    public async Task<TagPageModel?> TagAsync(SiteModel site, string slug, int page, CancellationToken ct)
    {
        if (await listings.TagAsync(site, slug, page, PageSize, ct) is not var (id, name, tagSlug, cards, total)) return null;
        tags.Add(PublicCacheTags.Tag(id));
        // A tag on no public story is not public either: its name alone could say what an embargoed story is about.
        // (Its cache tag is on the 404, so the first story published with it brings the page.)
        if (total == 0) return null;
        tags.AddArticles(cards.Select(c => c.Id));
        return new TagPageModel(name, tagSlug, cards, new Paging(page, PageSize, total));
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
