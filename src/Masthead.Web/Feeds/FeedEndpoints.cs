using Masthead.Core.Common;
using Masthead.Core.Publication;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Feeds;

/// <summary>
/// RSS and Atom for the publication, each section (with its sub-sections unless ?subsections=false), author and tag.
/// Mapped into the public group, so feeds share the pages' output cache, ETags and 304s.
/// </summary>
public static class FeedEndpoints
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RouteOptions>(o => o.SetParameterPolicy<SectionFeedRouteConstraint>(SectionFeedRouteConstraint.Name));
        builder.Services.AddScoped<FeedQueries>();
        builder.Services.AddSingleton<FeedHtml>();
        builder.Services.AddSingleton<MediaFileInfo>();
        builder.Services.AddSingleton<FeedBuilder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder site)
    {
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            var file = FeedUrls.File(format);
            site.MapGet("/" + file, (SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct) =>
                PublicationAsync(format, context, queries, builder, ct));
            site.MapGet($"/author/{{slug}}/{file}", (string slug, SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct) =>
                AuthorAsync(format, Slug.Normalize(slug), context, queries, builder, ct));
            site.MapGet($"/tag/{{slug}}/{file}", (string slug, SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct) =>
                TagAsync(format, Slug.Normalize(slug), context, queries, builder, ct));
        }
        site.MapGet($"/{{**path:{SectionFeedRouteConstraint.Name}}}", SectionAsync);
        // Addresses feed readers guess when pointed at a site's root.
        site.MapGet("/feed", () => Results.Redirect(FeedUrls.Publication(FeedFormat.Rss), permanent: true));
        site.MapGet("/rss", () => Results.Redirect(FeedUrls.Publication(FeedFormat.Rss), permanent: true));
        return site;
    }

    private static async Task<IResult> PublicationAsync(FeedFormat format, SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var rows = await queries.PublicationAsync(WithBody(site), ct);
        return Feed(await builder.BuildAsync(site, format, null, site.Tagline, "/", FeedUrls.Publication(format), rows, ct));
    }

    private static async Task<IResult> SectionAsync(string path, string? subsections, SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct)
    {
        if (subsections is not (null or "true" or "false"))
            return Results.Text("The subsections parameter must be true or false.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        var site = await context.GetAsync();
        if (SectionFeedRouteConstraint.Parse(path) is not { } parsed || !site.SectionsByPath.TryGetValue(parsed.SectionPath, out var section))
            return await PublicSiteEndpoints.NotFound(context);
        // Like the section page, a section's feed includes its sub-sections unless asked not to.
        var ids = subsections == "false" ? [section.Id] : section.SelfAndDescendants().Select(s => s.Id).ToList();
        var rows = await queries.SectionsAsync(ids, WithBody(site), ct);
        var self = FeedUrls.Section(section.Path, parsed.Format) + (subsections == "false" ? "?subsections=false" : "");
        return Feed(await builder.BuildAsync(site, parsed.Format, section.Name, section.Description, section.Url, self, rows, ct));
    }

    private static async Task<IResult> AuthorAsync(FeedFormat format, string slug, SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct)
    {
        var site = await context.GetAsync();
        if (await queries.AuthorAsync(slug, WithBody(site), ct) is not { } found) return await PublicSiteEndpoints.NotFound(context);
        return Feed(await builder.BuildAsync(site, format, found.Name, found.Bio, "/author/" + slug, FeedUrls.Author(slug, format), found.Rows, ct));
    }

    private static async Task<IResult> TagAsync(FeedFormat format, string slug, SiteContext context, FeedQueries queries, FeedBuilder builder, CancellationToken ct)
    {
        var site = await context.GetAsync();
        if (await queries.TagAsync(slug, WithBody(site), ct) is not { } found) return await PublicSiteEndpoints.NotFound(context);
        return Feed(await builder.BuildAsync(site, format, found.Name, $"Stories tagged {found.Name}", "/tag/" + slug, FeedUrls.Tag(slug, format), found.Rows, ct));
    }

    private static bool WithBody(SiteModel site) => site.FeedContent == FeedContent.FullText;

    private static IResult Feed(FeedChannel feed) => feed.Format == FeedFormat.Rss
        ? Results.Bytes(RssFeedWriter.Write(feed), FeedUrls.MediaType(FeedFormat.Rss) + "; charset=utf-8")
        : Results.Bytes(AtomFeedWriter.Write(feed), FeedUrls.MediaType(FeedFormat.Atom) + "; charset=utf-8");
}
