using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>With the output cache on, a change through the API still shows on the very next request to every page that shows it.</summary>
public class CachingTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task CachedPages_AreFreshAfterPublishAndEdit()
    {
        var reader = app.Reader();
        var pages = new[] { "/", "/news", "/author/wren-ashdown", "/tag/community" };
        foreach (var page in pages) await reader.GetAsync(page); // fill the cache

        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Cache buster on the front page",
            standfirst = "Fresh on the next request.",
            section = "news",
            bylines = new[] { "wren-ashdown" },
            tags = new[] { "Community" },
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);
        foreach (var page in pages)
            Assert.Contains("Cache buster on the front page", await reader.GetStringAsync(page));

        var etag = (await editor.GetAsync($"/api/admin/articles/{created["id"]}")).Headers.ETag!.ToString();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await editor.PatchJsonAsync($"/api/admin/articles/{created["id"]}", new { headline = "Cache buster, edited" }, etag)).StatusCode);
        foreach (var page in pages)
        {
            var html = await reader.GetStringAsync(page);
            Assert.Contains("Cache buster, edited", html);
            Assert.DoesNotContain("Cache buster on the front page", html);
        }
    }

    [Fact]
    public async Task RepeatedRequests_ServeTheSameCachedBytesAndETag()
    {
        var reader = app.Reader();
        var first = await reader.GetAsync("/culture");
        var second = await reader.GetAsync("/culture");
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.NotNull(second.Headers.Age); // answered from the output cache
    }
}
