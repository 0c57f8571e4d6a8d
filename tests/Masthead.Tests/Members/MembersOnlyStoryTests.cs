using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Members;

/// <summary>
/// A members-only story: the public (and every cache that serves it) gets the standfirst and first paragraphs; a
/// signed-in member gets the whole story, answered privately and never kept where anyone else could be served it.
/// Runs on both databases, with the page cache on and a real SMTP server for the member's sign-up.
/// </summary>
public class MembersOnlyStoryTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    private const string Body = "The free opening paragraph about lanterns.\n\nThe second free paragraph about wicks.\n\n"
        + "The members paragraph names Xylobrachiate once.\n\nAnd Quorvandel closes it.";

    private async Task<(int Id, string Url)> MembersStoryAsync(string headline)
    {
        var article = await app.UseAsync<SaveArticle, Article>(async save => (await save.CreateAsync(new ArticleInput
        {
            Headline = headline, Standfirst = "A standfirst anyone may read.", Body = Body, Section = "culture/film-tv",
            Bylines = ["wren-ashdown"], Access = "members",
        }, Editor.System, CancellationToken.None)).Value!);
        await app.PublishAsync(article.Id);
        return (article.Id, $"/culture/film-tv/{article.Slug}");
    }

    private static void AssertTeaserOnly(string text)
    {
        Assert.Contains("free opening paragraph", text);
        Assert.Contains("second free paragraph", text);
        Assert.DoesNotContain("Xylobrachiate", text);
        Assert.DoesNotContain("Quorvandel", text);
    }

    [Fact]
    public async Task AnonymousReaders_GetTheCachedTeaser_MembersTheWholeStoryUncached_AndNeverTheOtherWayRound()
    {
        var (_, url) = await MembersStoryAsync("Lanterns for members");
        var anonymous = app.Browser();

        var first = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var teaser = await first.Content.ReadAsStringAsync();
        AssertTeaserOnly(teaser);
        Assert.Contains("The rest of this story is for members", teaser);
        Assert.Contains("href=\"/members/sign-in\"", teaser);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
        Assert.NotNull((await anonymous.GetAsync(url)).Headers.Age); // the teaser is what the page cache holds

        var member = await app.NewMemberAsync(MembersAppFactory.NewAddress());
        foreach (var attempt in new[] { 1, 2 })
        {
            var whole = await member.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            var html = await whole.Content.ReadAsStringAsync();
            Assert.Contains("Xylobrachiate", html);
            Assert.Contains("Quorvandel", html);
            Assert.Contains("class=\"members-only\"", html);
            Assert.DoesNotContain("The rest of this story is for members", html);
            Assert.True(whole.Headers.CacheControl is { Private: true, NoStore: true }, $"attempt {attempt}: {whole.Headers.CacheControl}");
            Assert.Null(whole.Headers.Age); // never from the page cache
        }

        // After the member, anonymous readers (with and without a conditional request) still get the teaser only.
        AssertTeaserOnly(await app.Browser().GetStringAsync(url));
        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await app.Browser().SendAsync(conditional)).StatusCode);

        // The copy kept for a database outage is the teaser, not the member's page rendered last.
        var stale = app.Services.GetRequiredService<StaleCopies>().Find(new DefaultHttpContext { Request = { Path = url } });
        Assert.NotNull(stale);
        AssertTeaserOnly(System.Text.Encoding.UTF8.GetString(stale.Body));
    }

    [Fact]
    public async Task AMadeUpMemberCookie_GetsTheCachedTeaser_AndCannotMakeEveryRequestRenderAnew()
    {
        var (_, url) = await MembersStoryAsync("Lanterns for a forged cookie");
        AssertTeaserOnly(await app.Browser().GetStringAsync(url)); // an anonymous reader fills the page cache
        var forged = app.Reader();
        forged.DefaultRequestHeaders.Add("Cookie", "masthead_member=not-a-session");
        foreach (var attempt in new[] { 1, 2 })
        {
            var response = await forged.GetAsync(url);
            AssertTeaserOnly(await response.Content.ReadAsStringAsync());
            Assert.Equal("public, no-cache", response.Headers.CacheControl!.ToString());
            Assert.True(response.Headers.Age is not null, $"attempt {attempt}: the made-up cookie's page did not come from the page cache");
        }
    }

    [Fact]
    public async Task ASignedCookieWhoseSessionEnded_GetsTheTeaser_PrivatelyAndUncached()
    {
        var (_, url) = await MembersStoryAsync("Lanterns for an ended session");
        var address = MembersAppFactory.NewAddress();
        var member = await app.NewMemberAsync(address);
        Assert.Contains("Xylobrachiate", await member.GetStringAsync(url));
        // The member signs out everywhere (a new security stamp): the signed cookie this browser holds no longer stands.
        await app.WithDbAsync(async db =>
        {
            foreach (var m in db.Members.Where(m => m.Email == address)) m.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync();
        });
        var response = await member.GetAsync(url);
        AssertTeaserOnly(await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, response.Headers.CacheControl?.ToString());
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task StructuredData_SaysTheStoryIsNotFree_AndNamesTheMembersPart()
    {
        var (_, url) = await MembersStoryAsync("Lanterns described for search engines");
        var page = await app.Browser().GetPageAsync(url);
        var article = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonNode.Parse(s.TextContent)!).First(n => n["@type"]?.GetValue<string>() == "NewsArticle");
        Assert.False(article["isAccessibleForFree"]!.GetValue<bool>());
        Assert.Equal("WebPageElement", article["hasPart"]!["@type"]!.GetValue<string>());
        Assert.False(article["hasPart"]!["isAccessibleForFree"]!.GetValue<bool>());
        Assert.Equal(".members-only", article["hasPart"]!["cssSelector"]!.GetValue<string>());
    }

    [Fact]
    public async Task FeedsContentApiAndSearch_CarryTheTeaserOnly()
    {
        var (id, url) = await MembersStoryAsync("Lanterns in the feeds and search");
        var reader = app.Reader();
        foreach (var feed in new[] { "/feed.xml", "/feed.atom", "/culture/film-tv/feed.xml" })
        {
            var xml = await reader.GetStringAsync(feed);
            Assert.Contains("Lanterns in the feeds and search", xml);
            Assert.Contains("free opening paragraph", xml);
            Assert.Contains("This story is for members", xml);
            Assert.DoesNotContain("Xylobrachiate", xml);
        }

        var content = await app.ContentClientAsync();
        var article = (await content.GetFromJsonNodeAsync($"/api/content/v1/articles/{id}"))["data"]!;
        Assert.Equal("members", article["access"]!.GetValue<string>());
        AssertTeaserOnly(article["bodyHtml"]!.GetValue<string>());
        var list = await content.GetStringAsync("/api/content/v1/articles?limit=50");
        Assert.Contains("Lanterns in the feeds and search", list);
        Assert.DoesNotContain("Xylobrachiate", list);

        // The members' words are not in the index at all; the headline and teaser are, and the snippet quotes only them.
        var hidden = await reader.GetPageAsync("/search?q=Xylobrachiate");
        Assert.DoesNotContain(hidden.QuerySelectorAll("main a"), a => a.GetAttribute("href") == url);
        var found = await reader.GetStringAsync("/search?q=lanterns+wicks");
        Assert.Contains(url, found);
        Assert.DoesNotContain("Xylobrachiate", found);
        Assert.DoesNotContain("Quorvandel", found);
    }

    [Fact]
    public async Task AdminApi_SetsAccess_RefusesUnknownValues_AndAContributorsChangeWaitsForReview()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Access through the API", standfirst = "Set on creation.", section = "news", bylines = new[] { "wren-ashdown" },
            body = Body, access = "members",
        }, 201);
        Assert.Equal("members", created["access"]!.GetValue<string>());
        var id = created["id"]!.GetValue<int>();

        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var bad = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { access = "paywalled" }, etag);
        Assert.Contains("\"paywalled\"", await ApiJson.FieldErrorAsync(bad, "access"));
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Equal(StoryAccess.Members, app.WithDb(db => db.Articles.Single(a => a.Id == id).Access));

        // A contributor's public story, published: making it members-only is a pending change like any other.
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var theirs = (await contributor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "A contributor's public story", standfirst = "Reviewed.", section = "news", bylines = new[] { "wren-ashdown" }, body = Body,
        }, 201))["id"]!.GetValue<int>();
        await app.PublishAsync(theirs);
        var url = (await contributor.GetFromJsonNodeAsync($"/api/admin/articles/{theirs}"))["url"]!.GetValue<string>();
        var patch = await contributor.PatchJsonAsync($"/api/admin/articles/{theirs}", new { access = "members" },
            (await contributor.GetAsync($"/api/admin/articles/{theirs}")).Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        var body = await patch.ReadNodeAsync();
        Assert.Equal("public", body["access"]!.GetValue<string>());
        Assert.Equal("members", body["pendingChanges"]!["story"]!["access"]!.GetValue<string>());
        Assert.Contains("Xylobrachiate", await app.Reader().GetStringAsync(url));

        await contributor.PostJsonAsync($"/api/admin/articles/{theirs}/submit", new { }, 200);
        var approved = await editor.PostJsonAsync($"/api/admin/articles/{theirs}/approve", new { }, 200);
        Assert.Equal("members", approved["access"]!.GetValue<string>());
        AssertTeaserOnly(await app.Reader().GetStringAsync(url));
    }

    [Fact]
    public void Teaser_KeepsTheFirstTwoBlocks_AndSearchTextFollowsAccess()
    {
        var (free, rest) = Teaser.Split("<h2>One</h2>\n<p>Two</p>\n<figure><img src=\"/a.jpg\" alt=\"\"></figure>\n<p>Four</p>");
        Assert.Equal("<h2>One</h2>\n<p>Two</p>", free);
        Assert.StartsWith("<figure>", rest);
        Assert.EndsWith("<p>Four</p>", rest);
        Assert.Equal(("<p>Only</p>", ""), Teaser.Split("<p>Only</p>"));
        Assert.Equal("One Two", Teaser.SearchableText("<p>One</p><p>Two</p><p>Three</p>", StoryAccess.Members));
        Assert.Equal("One Two Three", Teaser.SearchableText("<p>One</p><p>Two</p><p>Three</p>", StoryAccess.Public));
    }
}
