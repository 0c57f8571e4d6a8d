using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Hosting;

/// <summary>
/// Turns a change into cache evictions on this node: the pages showing the changed stories, and the listings they
/// now belong in (their sections and those sections' ancestors, their authors, their tags, the home page and the
/// latest-stories feeds). Anything bigger (a section, an author, the navigation) reloads the site model and empties
/// the whole cache. <see cref="ContentChangeFollower"/> calls it for every change any node commits.
/// </summary>
public sealed class ContentChangeBroadcaster(IOutputCacheStore cache, SiteContext site, StaleCopies stale)
{
    private long _generation;

    /// <summary>
    /// Counts evictions. A page whose rendering began before an eviction may show what the eviction was for, so it is
    /// served but not stored (<see cref="PageCacheGeneration"/>): otherwise a render in flight during a change would
    /// put the old page back into the cache right after the change took it out, until the next change.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Evicts what the change touched; the stories' current listings are read from <paramref name="db"/>.</summary>
    public async Task EvictAsync(Masthead.Core.Data.MastheadDbContext db, ContentChange change, CancellationToken ct)
    {
        var tags = await ExpandedTagsAsync(db, change, ct); // reloads the site model first, where the change needs it
        if (!change.IsEverything && change.ArticleIds.Count > 0)
        {
            var ids = change.ArticleIds.ToList();
            var published = await db.Articles.Published().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
            stale.StoriesChanged(published, ids.Except(published));
        }
        Interlocked.Increment(ref _generation);
        foreach (var tag in tags) await cache.EvictByTagAsync(tag, ct);
    }

    /// <summary>The cache tags for a change, with the sections, authors and tags its stories belong to now.</summary>
    public async Task<IReadOnlyCollection<string>> ExpandedTagsAsync(Masthead.Core.Data.MastheadDbContext db, ContentChange change, CancellationToken ct)
    {
        if (!change.IsEverything)
            foreach (var id in change.ArticleIds.ToList()) change = change.Merge(await ContentChange.ForArticleAsync(db, id, ct));
        return await TagsForAsync(change);
    }

    public async Task<IReadOnlyCollection<string>> TagsForAsync(ContentChange change)
    {
        if (change.IsEverything)
        {
            site.Invalidate();
            return [PublicCacheTags.All];
        }
        var model = await site.GetAsync();
        var tags = new HashSet<string> { PublicCacheTags.Home, PublicCacheTags.Latest };
        foreach (var id in change.ArticleIds) tags.Add(PublicCacheTags.Article(id));
        foreach (var id in change.SectionIds)
        {
            if (!model.SectionsById.TryGetValue(id, out var section)) continue;
            foreach (var s in model.Trail(section)) tags.Add(PublicCacheTags.Section(s.Id));
        }
        foreach (var id in change.AuthorIds) tags.Add(PublicCacheTags.Author(id));
        foreach (var id in change.TagIds) tags.Add(PublicCacheTags.Tag(id));
        return tags;
    }
}

/// <summary>Keeps a page out of the cache when a content change was evicted while it was being rendered.</summary>
public static class PageCacheGeneration
{
    private const string Key = "masthead.cache-generation";

    /// <summary>Called as a cacheable request starts: remembers the eviction count it began under.</summary>
    public static void Begin(OutputCacheContext context) =>
        context.HttpContext.Items[Key] = context.HttpContext.RequestServices.GetRequiredService<ContentChangeBroadcaster>().Generation;

    /// <summary>Called before the response is stored: anything evicted since it began means it is not stored.</summary>
    public static void Check(OutputCacheContext context)
    {
        if (context.HttpContext.Items[Key] is long began
            && began != context.HttpContext.RequestServices.GetRequiredService<ContentChangeBroadcaster>().Generation)
            context.AllowCacheStorage = false;
    }
}

/// <summary>A CDN's purge API (Fastly surrogate keys, Cloudflare cache tags…), called with the same tags the server evicts.</summary>
public interface ICdnPurger
{
    Task PurgeAsync(IReadOnlyCollection<string> tags, CancellationToken ct);
}
