using Masthead.Core.Common;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Web.Hosting;

/// <summary>
/// Drops everything the public site holds in memory after a change readers can see, so the next request
/// shows it. Precise per-story eviction comes with tagged caching; for now every public page is one tag.
/// </summary>
public sealed class ContentChangeBroadcaster(IOutputCacheStore cache, SiteContext site) : IContentChangeNotifier
{
    public async Task ContentChangedAsync(CancellationToken ct)
    {
        site.Invalidate();
        await cache.EvictByTagAsync(PublicCacheTags.All, ct);
    }
}
