using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>
/// A publish, an edit and an unpublish each evict exactly the cached pages that show the story (or should
/// now): those come back fresh on the next request, and every unrelated page is still served from the cache
/// (the output cache marks those with an Age header).
/// </summary>
public class CacheInvalidationTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Section = "/culture/film-tv";
    private static readonly string[] Showing = ["/", "/culture", Section, "/author/wren-ashdown", "/author/rosa-villanueva", "/tag/film", "/tag/archives",
        "/feed.xml", "/culture/feed.atom", "/author/wren-ashdown/feed.xml", "/tag/film/feed.xml", "/sitemaps/articles-1.xml"];
    private static readonly string[] Unrelated = ["/news/politics", "/life", "/opinion", "/author/callum-macinnes", "/tag/nightlife", "/tag/nightlife/feed.xml", "/life/feed.xml",
        "/culture/books/the-librarians-cataloguing-forty-years-of-glasgow-s-queer-zines"];

    private async Task<(bool Cached, string Html)> GetAsync(string path)
    {
        var response = await app.Reader().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
    }

    private async Task WarmAsync(IEnumerable<string> paths)
    {
        foreach (var path in paths) await GetAsync(path);
        foreach (var path in paths) Assert.True((await GetAsync(path)).Cached, $"{path} should be served from the cache once warm");
    }

    [Fact]
    public async Task PublishEditUnpublish_EvictExactlyThePagesShowingTheStory()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "A premiere in the old bus depot", standfirst = "Standing room only.", section = "culture/film-tv",
            bylines = new[] { "wren-ashdown", "rosa-villanueva" }, tags = new[] { "Film", "Archives" },
        }, 201);
        var id = created["id"]!.GetValue<int>();
        var url = created["url"]!.GetValue<string>();

        // Publish: the story appears on every listing it belongs in; nothing else was re-rendered.
        await WarmAsync(Showing.Concat(Unrelated));
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        foreach (var path in Showing)
        {
            var (cached, html) = await GetAsync(path);
            Assert.False(cached, $"{path} must be fresh after the publish");
            Assert.Contains(path.Contains("sitemap") ? "a-premiere-in-the-old-bus-depot" : "A premiere in the old bus depot", html);
        }
        foreach (var path in Unrelated) Assert.True((await GetAsync(path)).Cached, $"{path} must not be evicted by the publish");

        // Edit: every page showing the story, the story itself included, shows the new headline.
        var pages = Showing.Append(url).ToArray();
        await WarmAsync(pages.Concat(Unrelated));
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "A premiere in the old tram depot" }, etag)).StatusCode);
        foreach (var path in pages)
        {
            var (cached, html) = await GetAsync(path);
            Assert.False(cached, $"{path} must be fresh after the edit");
            if (!path.Contains("sitemap")) Assert.Contains("A premiere in the old tram depot", html);
        }
        foreach (var path in Unrelated) Assert.True((await GetAsync(path)).Cached, $"{path} must not be evicted by the edit");

        // Unpublish: gone from every listing; the story's own address answers 410.
        await WarmAsync(Showing.Concat(Unrelated));
        await editor.PostJsonAsync($"/api/admin/articles/{id}/unpublish", new { }, 200);
        foreach (var path in Showing)
        {
            var (cached, html) = await GetAsync(path);
            Assert.False(cached, $"{path} must be fresh after the unpublish");
            Assert.DoesNotContain(path.Contains("sitemap") ? "a-premiere-in-the-old-bus-depot" : "old tram depot", html);
        }
        foreach (var path in Unrelated) Assert.True((await GetAsync(path)).Cached, $"{path} must not be evicted by the unpublish");
        Assert.Equal(HttpStatusCode.Gone, (await app.Reader().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Pages_CarryTheirCacheTags_ForACdn()
    {
        var response = await app.Reader().GetAsync("/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival");
        var keys = response.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        var id = app.WithDb(db => db.Articles.Single(a => a.Slug == "the-helpline-tapes-that-became-the-film-of-the-festival").Id);
        Assert.Contains($"article-{id}", keys);
        Assert.Contains("site", keys);
        Assert.Equal(keys.Order(), response.Headers.GetValues("Cache-Tag").Single().Split(',').Order());
    }
}
