using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Web.Feeds;
using Masthead.Web.Hosting;
using Masthead.Web.PublicSite.LiveBlogs;
using Masthead.Web.PublicSite.Pages;
using Masthead.Web.PublicSite.Search;
using Masthead.Web.PublicSite.Themes;
using Masthead.Web.Sitemaps;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Masthead.Web.PublicSite;

/// <summary>
/// The whole public URL table: home, author, tag, search, feeds, sitemaps and robots.txt, and one catch-all that resolves pages,
/// sections and articles. Everything here shares one output-cache policy and answers conditional requests.
/// </summary>
public static class PublicSiteEndpoints
{
    public static WebApplicationBuilder AddPublicSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.AddTheme();
        builder.Services.AddSingleton<SiteContext>();
        builder.Services.AddSingleton<StaleCopies>();
        // Pages are rendered and buffered in pooled blocks rather than fresh arrays (a page was ~100 KB of new arrays before).
        // 64 KB blocks hold most pages whole; what stays pooled when idle is bounded.
        builder.Services.AddSingleton(new Microsoft.IO.RecyclableMemoryStreamManager(new Microsoft.IO.RecyclableMemoryStreamManager.Options
        {
            BlockSize = 64 * 1024,
            LargeBufferMultiple = 1024 * 1024,
            MaximumBufferSize = 16 * 1024 * 1024,
            MaximumSmallPoolFreeBytes = 4 * 1024 * 1024,
            MaximumLargePoolFreeBytes = 8 * 1024 * 1024,
        }));
        builder.Services.AddScoped<PublicQueries>();
        builder.Services.AddSingleton<ArticlePageReads>();
        builder.Services.AddSingleton<ListingReads>();
        builder.Services.AddScoped<PageTags>();
        builder.Services.AddScoped<LiveBlogs.LiveEntryQueries>();
        builder.Services.AddScoped<Search.SearchFilterOptions>();
        // The page cache's memory is bounded by the setting, not by the output cache's own default (100 MB).
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<MastheadOptions>>((cache, masthead) =>
            cache.SizeLimit = masthead.Value.PageCache.Megabytes * 1024L * 1024L);
        builder.Services.AddOutputCache(cache =>
        {
            cache.AddPolicy(PublicCacheTags.Policy, policy => policy
                .Expire(TimeSpan.FromHours(1))
                .SetVaryByQuery("page", "subsections", "p", "page_id", "after")
                .SetVaryByHeader(Hosting.Compression.AcceptEncoding)
                // Readers with a signed member cookie get entries of their own, so none of theirs can answer anyone else.
                .VaryByValue(Members.MembersOnlyPages.CacheKeyAsync)
                .Tag(PublicCacheTags.All)
                .AddPolicy<PageTagsPolicy>());
        });
        builder.AddFeeds();
        builder.AddSitemaps();
        return builder;
    }

    public static WebApplication MapPublicSite(this WebApplication app)
    {
        var cacheEnabled = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value.PageCache.Enabled;
        // Search results are outside the page cache: each query is answered fresh.
        app.MapSearchPage();
        var site = app.MapGroup("").WithMetadata(new ConditionalGetMetadata()).ExcludeFromDescription();
        // Every page, feed, sitemap and robots.txt answers HEAD as it answers GET (monitors, link checkers and CDNs
        // ask with HEAD); the server sends the same headers and no body.
        ((IEndpointConventionBuilder)site).Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { } methods && methods.HttpMethods.Contains(HttpMethods.Get)
                && !methods.HttpMethods.Contains(HttpMethods.Head))
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head]));
        });
        if (cacheEnabled) site.CacheOutput(PublicCacheTags.Policy);
        site.AddEndpointFilter(async (context, next) =>
        {
            // Browsers and CDNs may keep a copy but must check back (cheaply, by ETag) before reusing it,
            // so an edit shows on the next request.
            var http = context.HttpContext;
            http.Response.Headers.CacheControl = "public, no-cache";
            // Compressed or not, the answer depends on the coding asked for: caches in front must keep them apart.
            http.Response.Headers.Vary = Hosting.Compression.AcceptEncoding;
            var result = await next(context);
            // The same names the server cache evicts by, for a CDN to purge by (Fastly reads Surrogate-Key, Cloudflare Cache-Tag).
            var tags = http.RequestServices.GetRequiredService<PageTags>().All;
            http.Response.Headers["Surrogate-Key"] = string.Join(' ', tags);
            http.Response.Headers["Cache-Tag"] = string.Join(',', tags);
            return result;
        });

        site.MapFeeds();
        site.MapSitemaps();
        site.MapGet("/", Home);
        site.MapGet("/author/{slug}", Author);
        site.MapGet("/tag/{slug}", Tag);
        site.MapLiveUpdates();
        // The theme's stylesheet, cached and evicted like the pages that link it (a settings change evicts everything).
        site.MapGet("/theme.css", async (SiteContext context) => Results.Text((await context.GetAsync()).Look.Css, "text/css; charset=utf-8"));
        site.MapThemeStylesheet(app.Services.GetRequiredService<ActiveTheme>());
        Icons.SiteIcons.MapSiteIcons(site);
        site.MapGet("/{**path}", Resolve);
        return app;
    }

    private static async Task<IResult> Home(SiteContext context, PublicQueries queries, HttpContext http, CancellationToken ct)
    {
        // WordPress's own short addresses (/?p=123, /?page_id=7) of imported stories and pages.
        foreach (var key in new[] { "p", "page_id" })
            if (http.Request.Query[key].ToString() is { Length: > 0 } value && await queries.LegacyTargetAsync($"?{key}={value}", ct) is { } moved)
                return Results.Redirect(moved, permanent: true);
        var site = await context.GetAsync();
        var model = await queries.HomeAsync(site, ct);
        SetLastModified(http, model.Lead?.PublishedAt, site.ModifiedAt);
        return Page<HomePage>(new { Site = site, Model = model });
    }

    private static async Task<IResult> Author(string slug, int? page, SiteContext context, PublicQueries queries, CancellationToken ct)
    {
        slug = Slug.Normalize(slug);
        var site = await context.GetAsync();
        if (page is < 1) return await NotFound(context);
        var model = await queries.AuthorAsync(site, slug, page ?? 1, ct);
        if (model is null && await queries.LegacyTargetAsync($"author/{slug}", ct) is { } moved) return Results.Redirect(moved, permanent: true);
        if (model is null || (page > 1 && model.Articles.Count == 0)) return await NotFound(context);
        return Page<AuthorPage>(new { Site = site, Model = model });
    }

    private static async Task<IResult> Tag(string slug, int? page, SiteContext context, PublicQueries queries, CancellationToken ct)
    {
        // Addresses are compared in NFC, the form slugs are stored in, whatever form the browser sent.
        slug = Slug.Normalize(slug);
        var site = await context.GetAsync();
        if (page is < 1) return await NotFound(context);
        var model = await queries.TagAsync(site, slug, page ?? 1, ct);
        // A tag renamed or merged away sends its readers on to the tag its stories carry now.
        if (model is null && await queries.TagRedirectTargetAsync(slug, ct) is { } target)
            return Results.Redirect($"/tag/{target}{(page > 1 ? $"?page={page}" : "")}", permanent: true);
        if (model is null && await queries.LegacyTargetAsync($"tag/{slug}", ct) is { } moved) return Results.Redirect(moved, permanent: true);
        if (model is null || (page > 1 && model.Articles.Count == 0)) return await NotFound(context);
        return Page<TagPage>(new { Site = site, Model = model });
    }

    private static async Task<IResult> Resolve(string path, int? page, SiteContext context, PublicQueries queries, HttpContext http, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var cleanPath = Slug.Normalize(path).Trim('/').ToLowerInvariant();
        if (page is < 1) return await NotFound(context);

        if (site.SectionsByPath.TryGetValue(cleanPath, out var section))
        {
            var model = await queries.SectionAsync(site, section, page ?? 1, ct);
            if (page > 1 && model.Articles.Count == 0) return await NotFound(context);
            return Page<SectionPage>(new { Site = site, Model = model });
        }

        var segments = cleanPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 1)
        {
            var standalone = await queries.PageAsync(segments[0], ct) ?? PrivacyStatement.WhenNoPage(site, segments[0]);
            if (standalone is null) return await Legacy(cleanPath, context, queries, ct);
            // The privacy page states the tracking setting, which is the site's: it changes with the settings too.
            SetLastModified(http, standalone.ModifiedAt, standalone.Slug == PrivacyStatement.Slug ? site.ModifiedAt : null);
            return Page<StandalonePage>(new { Site = site, Model = standalone });
        }
        if (segments.Length < 2) return await Legacy(cleanPath, context, queries, ct);

        var slug = segments[^1];
        var sectionPath = string.Join('/', segments[..^1]);
        var found = await queries.ArticleBySlugAsync(slug, ct);
        if (found is null)
        {
            // An old slug of a published story answers with a permanent redirect to where it lives now.
            var target = await queries.RedirectTargetAsync(slug, ct);
            return target is { } t && site.SectionsById.TryGetValue(t.SectionId, out var targetSection)
                ? Results.Redirect($"/{targetSection.Path}/{t.Slug}", permanent: true)
                : await Legacy(cleanPath, context, queries, ct);
        }
        if (found.Status == ArticleStatus.Unpublished) return Page<GonePage>(new { Site = site }, StatusCodes.Status410Gone);
        if (found.Status != ArticleStatus.Published || !site.SectionsById.TryGetValue(found.PrimarySectionId, out var primary)) return await NotFound(context);
        if (primary.Path != sectionPath) return Results.Redirect($"/{primary.Path}/{slug}", permanent: true);

        var membersOnly = found.Access == StoryAccess.Members;
        var article = await queries.ArticleAsync(site, found, membersOnly && await Members.MembersOnlyPages.ReaderIsMemberAsync(http), ct);
        if (article is null) return await NotFound(context);
        if (membersOnly && await Members.MembersOnlyPages.HasSignedMemberCookieAsync(http)) Members.MembersOnlyPages.KeepPrivate(http);
        SetLastModified(http, article.LastChangedAt, site.ModifiedAt);
        return Page<ArticlePage>(new { Site = site, Model = article });
    }

    // An address from before an import (WordPress permalinks, Ghost's /slug/ and /category/…) answers 301 to its new home.
    private static async Task<IResult> Legacy(string path, SiteContext context, PublicQueries queries, CancellationToken ct) =>
        await queries.LegacyTargetAsync(path, ct) is { } moved ? Results.Redirect(moved, permanent: true) : await NotFound(context);

    public static async Task<IResult> NotFound(SiteContext context) =>
        Page<NotFoundPage>(new { Site = await context.GetAsync() }, StatusCodes.Status404NotFound);

    private static ComponentPage<T> Page<T>(object parameters, int status = StatusCodes.Status200OK)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status };

    private static void SetLastModified(HttpContext http, DateTime? content, DateTime? site)
    {
        var latest = new[] { content, site }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty().Max();
        if (latest == default) return;
        http.Response.Headers.LastModified = HeaderUtilities.FormatDate(new DateTimeOffset(DateTime.SpecifyKind(latest, DateTimeKind.Utc)));
    }
}
