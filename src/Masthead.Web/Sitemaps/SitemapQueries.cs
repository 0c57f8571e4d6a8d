using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Sitemaps;

/// <summary>
/// What each sitemap lists. Only addresses that answer 200 with something to read: published stories, and sections,
/// authors and tags that have at least one of them. A story's lastmod is its row's last change, as its Last-Modified.
/// </summary>
public sealed class SitemapQueries(MastheadDbContext db)
{
    /// <summary>Google News reads stories from the last two days and at most 1,000 of them.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);
    public const int NewsLimit = 1000;

    private IQueryable<Article> Published => db.Articles.AsNoTracking().Published();

    // Files are cut in id order, so a new story lands in the last file and the older files stay as they were.
    private IQueryable<Article> Chunk(int page, int perFile) =>
        Published.OrderBy(a => a.Id).Skip((page - 1) * perFile).Take(perFile);

    public Task<int> ArticleCountAsync(CancellationToken ct) => Published.CountAsync(ct);

    public Task<DateTime?> ArticlesLastModifiedAsync(int page, int perFile, CancellationToken ct) =>
        Chunk(page, perFile).MaxAsync(a => (DateTime?)a.ModifiedAt, ct);

    public async Task<List<SitemapUrl>> ArticlesAsync(SiteModel site, int page, int perFile, CancellationToken ct)
    {
        var rows = await Chunk(page, perFile)
            .Select(a => new { a.Slug, a.PrimarySectionId, a.ModifiedAt, Hero = a.HeroImage == null ? null : a.HeroImage.Url })
            .ToListAsync(ct);
        return rows.Where(r => site.SectionsById.ContainsKey(r.PrimarySectionId))
            .Select(r => new SitemapUrl(
                site.AbsoluteUrl($"/{site.SectionsById[r.PrimarySectionId].Path}/{r.Slug}"), r.ModifiedAt,
                r.Hero is null ? null : site.AbsoluteOrSame(r.Hero)))
            .ToList();
    }

    public async Task<List<SitemapUrl>> NewsAsync(SiteModel site, DateTime now, CancellationToken ct)
    {
        var since = now - NewsWindow;
        var rows = await Published.Where(a => a.FirstPublishedAt >= since)
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
            .Take(NewsLimit)
            .Select(a => new { a.Slug, a.Headline, a.PrimarySectionId, Published = a.FirstPublishedAt!.Value, a.ModifiedAt, Hero = a.HeroImage == null ? null : a.HeroImage.Url })
            .ToListAsync(ct);
        var language = SitemapXml.NewsLanguage(site.Language);
        return rows.Where(r => site.SectionsById.ContainsKey(r.PrimarySectionId))
            .Select(r => new SitemapUrl(
                site.AbsoluteUrl($"/{site.SectionsById[r.PrimarySectionId].Path}/{r.Slug}"), r.ModifiedAt,
                r.Hero is null ? null : site.AbsoluteOrSame(r.Hero),
                new SitemapNews(site.Name, language, r.Published, r.Headline)))
            .ToList();
    }

    /// <summary>Sections whose page lists at least one story; lastmod is the latest change to the section or a story in its subtree.</summary>
    public async Task<List<SitemapUrl>> SectionsAsync(SiteModel site, CancellationToken ct)
    {
        var primary = await Published.GroupBy(a => a.PrimarySectionId)
            .Select(g => new { SectionId = g.Key, Latest = g.Max(a => a.ModifiedAt) }).ToListAsync(ct);
        var secondary = await db.Set<ArticleSection>().AsNoTracking()
            .Join(Published, s => s.ArticleId, a => a.Id, (s, a) => new { s.SectionId, a.ModifiedAt })
            .GroupBy(x => x.SectionId)
            .Select(g => new { SectionId = g.Key, Latest = g.Max(x => x.ModifiedAt) }).ToListAsync(ct);

        // A story shows on its sections' pages and on every ancestor's page.
        var latest = new Dictionary<int, DateTime>();
        foreach (var (sectionId, modified) in primary.Select(p => (p.SectionId, p.Latest)).Concat(secondary.Select(s => (s.SectionId, s.Latest))))
        {
            for (var s = site.SectionsById.GetValueOrDefault(sectionId); s is not null; s = s.ParentId is { } p ? site.SectionsById.GetValueOrDefault(p) : null)
                latest[s.Id] = latest.TryGetValue(s.Id, out var known) && known > modified ? known : modified;
        }
        return site.SectionsByPath.Values.Where(s => latest.ContainsKey(s.Id)).OrderBy(s => s.Path, StringComparer.Ordinal)
            .Select(s => new SitemapUrl(site.AbsoluteUrl(s.Url), Later(s.ModifiedAt, latest[s.Id])))
            .ToList();
    }

    public async Task<List<SitemapUrl>> AuthorsAsync(SiteModel site, CancellationToken ct)
    {
        var rows = await db.Authors.AsNoTracking()
            .Select(author => new
            {
                author.Slug,
                author.ModifiedAt,
                Latest = Published.Where(a => a.Bylines.Any(b => b.AuthorId == author.Id)).Max(a => (DateTime?)a.ModifiedAt),
            })
            .Where(x => x.Latest != null).OrderBy(x => x.Slug).ToListAsync(ct);
        return rows.Select(r => new SitemapUrl(site.AbsoluteUrl("/author/" + r.Slug), Later(r.ModifiedAt, r.Latest!.Value))).ToList();
    }

    public async Task<List<SitemapUrl>> TagsAsync(SiteModel site, CancellationToken ct)
    {
        var rows = await db.Tags.AsNoTracking()
            .Select(tag => new
            {
                tag.Slug,
                tag.ModifiedAt,
                Latest = Published.Where(a => a.Tags.Any(t => t.TagId == tag.Id)).Max(a => (DateTime?)a.ModifiedAt),
            })
            .Where(x => x.Latest != null).OrderBy(x => x.Slug).ToListAsync(ct);
        return rows.Select(r => new SitemapUrl(site.AbsoluteUrl("/tag/" + r.Slug), Later(r.ModifiedAt, r.Latest!.Value))).ToList();
    }

    /// <summary>The front page (changed whenever a story does) and the standalone pages.</summary>
    public async Task<List<SitemapUrl>> PagesAsync(SiteModel site, CancellationToken ct)
    {
        var latestStory = await Published.MaxAsync(a => (DateTime?)a.ModifiedAt, ct);
        var pages = await db.Pages.AsNoTracking().OrderBy(p => p.Slug).Select(p => new { p.Slug, p.ModifiedAt }).ToListAsync(ct);
        return pages.Select(p => new SitemapUrl(site.AbsoluteUrl("/" + p.Slug), p.ModifiedAt))
            .Prepend(new SitemapUrl(site.AbsoluteUrl("/"), latestStory is { } l ? Later(l, site.ModifiedAt) : site.ModifiedAt))
            .ToList();
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
