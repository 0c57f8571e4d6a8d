using Masthead.Web.Hosting;
using Masthead.Web.PublicSite;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Sitemaps;

/// <summary>
/// /robots.txt, the sitemap index at /sitemap.xml and the files it lists under /sitemaps/. Mapped into the public group,
/// so they share the pages' output cache, ETags and 304s, and are emptied with them when content changes.
/// </summary>
public static class SitemapEndpoints
{
    private const string XmlType = "application/xml; charset=utf-8";

    public static WebApplicationBuilder AddSitemaps(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SitemapQueries>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder routes)
    {
        // Every sitemap lists stories or the listings they belong in, so any story change refreshes them all.
        var site = routes.MapGroup("");
        site.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<PageTags>().Add(PublicCacheTags.Latest);
            return next(context);
        });
        site.MapGet("/robots.txt", async (SiteContext context) =>
            Results.Text(RobotsTxt.For((await context.GetAsync()).BaseUrl), "text/plain; charset=utf-8"));
        site.MapGet("/sitemap.xml", IndexAsync);
        site.MapGet("/sitemaps/articles-{page:int}.xml", ArticlesAsync);
        site.MapGet("/sitemaps/news.xml", async (SiteContext context, SitemapQueries queries, TimeProvider time, CancellationToken ct) =>
            UrlSet(await queries.NewsAsync(await context.GetAsync(), time.GetUtcNow().UtcDateTime, ct)));
        site.MapGet("/sitemaps/sections.xml", async (SiteContext context, SitemapQueries queries, CancellationToken ct) =>
            UrlSet(await queries.SectionsAsync(await context.GetAsync(), ct)));
        site.MapGet("/sitemaps/authors.xml", async (SiteContext context, SitemapQueries queries, CancellationToken ct) =>
            UrlSet(await queries.AuthorsAsync(await context.GetAsync(), ct)));
        site.MapGet("/sitemaps/tags.xml", async (SiteContext context, SitemapQueries queries, CancellationToken ct) =>
            UrlSet(await queries.TagsAsync(await context.GetAsync(), ct)));
        site.MapGet("/sitemaps/pages.xml", async (SiteContext context, SitemapQueries queries, CancellationToken ct) =>
            UrlSet(await queries.PagesAsync(await context.GetAsync(), ct)));
        return routes;
    }

    /// <summary>Lists every sitemap that has at least one URL (an empty url set is not valid), with its latest lastmod.</summary>
    private static async Task<IResult> IndexAsync(SiteContext context, SitemapQueries queries, TimeProvider time, IOptions<MastheadOptions> options, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var files = new List<SitemapFile>();
        void Add(string path, IReadOnlyList<SitemapUrl> urls)
        {
            if (urls.Count > 0) files.Add(new SitemapFile(site.AbsoluteUrl(path), urls.Max(u => u.LastModified)));
        }
        Add("/sitemaps/pages.xml", await queries.PagesAsync(site, ct));
        Add("/sitemaps/sections.xml", await queries.SectionsAsync(site, ct));
        Add("/sitemaps/authors.xml", await queries.AuthorsAsync(site, ct));
        Add("/sitemaps/tags.xml", await queries.TagsAsync(site, ct));
        var perFile = options.Value.Sitemaps.ArticlesPerFile;
        var articleFiles = (await queries.ArticleCountAsync(ct) + perFile - 1) / perFile;
        for (var page = 1; page <= articleFiles; page++)
            files.Add(new SitemapFile(site.AbsoluteUrl($"/sitemaps/articles-{page}.xml"), await queries.ArticlesLastModifiedAsync(page, perFile, ct)));
        Add("/sitemaps/news.xml", await queries.NewsAsync(site, time.GetUtcNow().UtcDateTime, ct));
        return Results.Bytes(SitemapXml.Index(files), XmlType);
    }

    private static async Task<IResult> ArticlesAsync(int page, SiteContext context, SitemapQueries queries, IOptions<MastheadOptions> options, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var urls = page < 1 ? [] : await queries.ArticlesAsync(site, page, options.Value.Sitemaps.ArticlesPerFile, ct);
        return urls.Count == 0 ? await PublicSiteEndpoints.NotFound(context) : UrlSet(urls);
    }

    private static IResult UrlSet(IReadOnlyList<SitemapUrl> urls) => Results.Bytes(SitemapXml.UrlSet(urls), XmlType);
}
