using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Themes;

/// <summary>A themed page in the cache is evicted by a change as Masthead's own is (an app of its own: the change would
/// alter the pages <see cref="ThemedPagesTests"/> compares).</summary>
public class ThemedCacheEvictionTests(BroadsheetAppFactory themed) : IClassFixture<BroadsheetAppFactory>
{
    [Fact]
    public async Task APublishedStory_ReachesTheCachedThemedFront_OnTheNextRequest()
    {
        var reader = themed.Reader();
        await reader.GetAsync("/"); // fill the cache
        var editor = await themed.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Broadsheet stop-press",
            standfirst = "Evicted like any other page.",
            section = "news",
            bylines = new[] { "wren-ashdown" },
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);
        var home = await reader.GetPageAsync("/");
        Assert.Equal("Broadsheet stop-press", home.QuerySelector(".bs-story--lead .bs-story__headline").Text());
    }
}
