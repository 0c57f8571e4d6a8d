using System.Text.RegularExpressions;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.PublicSite;

/// <summary>The page cache held to one megabyte (Masthead:PageCache:Megabytes): less than the demo's pages take.</summary>
public sealed class SmallPageCacheAppFactory : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // the page cache is in memory, not in what a first start writes

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:PageCache:Megabytes", "1");
    }
}

/// <summary>
/// A node's page cache keeps to the memory it is given: with 10,000 stories it would otherwise grow to the output
/// cache's own 100 MB default on top of the node (measured: 534 MB resident after every page was read once).
/// </summary>
public partial class PageCacheMemoryTests(SmallPageCacheAppFactory app) : IClassFixture<SmallPageCacheAppFactory>
{
    [GeneratedRegex("<loc>https://quire\\.example([^<]+)</loc>")]
    private static partial Regex Location();

    [Fact]
    public async Task PagesBeyondTheCachesMemory_AreNotAllKept()
    {
        var reader = app.Reader();
        // Every page the sitemaps list: stories, sections, authors, tags and standalone pages.
        var pages = new List<string>();
        foreach (var sitemap in Location().Matches(await reader.GetStringAsync("/sitemap.xml")).Select(m => m.Groups[1].Value))
            pages.AddRange(Location().Matches(await reader.GetStringAsync(sitemap)).Select(m => m.Groups[1].Value));
        pages = [.. pages.Distinct()];
        var bytes = 0L;
        foreach (var page in pages) bytes += (await reader.GetByteArrayAsync(page)).Length;
        Assert.True(bytes > 1024 * 1024, $"the demo's {pages.Count} pages take {bytes:N0} bytes: not enough to fill the cache");

        // Read again, newest first: what a one-megabyte cache kept comes with an Age, the rest is rendered anew. In the
        // first pass's order every page would already have made room for later ones (a full cache drops the least
        // recently used), and whether any survived would depend on when its background compaction ran.
        var kept = 0;
        foreach (var page in Enumerable.Reverse(pages))
        {
            var response = await reader.GetAsync(page);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.Age is not null) kept++;
        }
        Assert.True(kept < pages.Count, $"all {pages.Count} pages ({bytes:N0} bytes) were served from a one-megabyte cache");
        Assert.True(kept > 0, "no page was served from the cache at all");
    }
}
