using Masthead.Core.Common;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Web.Hosting;

/// <summary>
/// Turns a change into cache evictions: the pages showing the changed stories, and the listings they now
/// belong in (their sections and those sections' ancestors, their authors, their tags, the home page and
/// the latest-stories feeds). Anything bigger (a section, an author, the navigation) empties the whole cache.
/// Registered CDN purgers get the same tags.
/// </summary>
public sealed class ContentChangeBroadcaster(IOutputCacheStore cache, SiteContext site, IEnumerable<ICdnPurger> purgers) : IContentChangeNotifier
{
    public async Task ContentChangedAsync(ContentChange change, CancellationToken ct)
    {
        var tags = await TagsForAsync(change);
        foreach (var tag in tags) await cache.EvictByTagAsync(tag, ct);
        foreach (var purger in purgers) await purger.PurgeAsync(tags, ct);
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

/// <summary>A CDN's purge API (Fastly surrogate keys, Cloudflare cache tags…), called with the same tags the server evicts.</summary>
public interface ICdnPurger
{
    Task PurgeAsync(IReadOnlyCollection<string> tags, CancellationToken ct);
}
