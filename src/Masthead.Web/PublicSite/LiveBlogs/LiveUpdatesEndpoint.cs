using Masthead.Web.PublicSite.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masthead.Web.PublicSite.LiveBlogs;

/// <summary>
/// The small document a live blog's page polls: the entries after the newest one the reader holds, as the same
/// HTML the page shows them in. It sits in the public group, so it is page-cached under the story's tag: thousands of
/// readers asking for the same entries are answered from the cache, and a new entry evicts it with the page.
/// </summary>
public static class LiveUpdatesEndpoint
{
    public static string PathFor(int articleId) => $"/live/{articleId}/entries";

    public static void MapLiveUpdates(this RouteGroupBuilder site) => site.MapGet("/live/{articleId:int}/entries", UpdatesAsync);

    private static async Task<IResult> UpdatesAsync(int articleId, int? after, SiteContext context, LiveEntryQueries queries, CancellationToken ct)
    {
        var site = await context.GetAsync();
        var model = await queries.UpdatesAsync(site, articleId, Math.Max(0, after ?? 0), ct);
        if (model is null) return Results.NotFound();
        return new ComponentPage<LiveUpdatesFragment>(new { Site = site, Model = model });
    }
}
