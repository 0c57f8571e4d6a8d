using System.Net;
using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.LiveBlogs;
using Masthead.Tests.Support;

namespace Masthead.Tests.LiveBlogs;

/// <summary>Live blogs end to end: the admin API and its permission rule, the public page, its cache and update document, and JSON-LD.</summary>
public class LiveBlogTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private async Task<Article> PublicLiveBlogAsync(string headline, Editor? owner = null)
    {
        var story = await app.StoryAsync(headline, owner);
        await app.PublishAsync(story.Id);
        await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.StartAsync(story.Id, Editor.System, CancellationToken.None)).Value!);
        return story;
    }

    private Task<LiveEntry> EntryAsync(int articleId, string body, bool key = false) =>
        app.UseAsync<LiveBlogDesk, LiveEntry>(async d => (await d.PostAsync(articleId, new LiveEntryInput(body, key), Editor.System, CancellationToken.None)).Value!);

    private string UrlOf(Article story) => $"/culture/film-tv/{story.Slug}";

    [Fact]
    public async Task Api_StartsCoverage_PostsEditsAndDeletesEntries_AndRefusesBadInput()
    {
        var story = await app.StoryAsync("Live: the depot reopens");
        await app.PublishAsync(story.Id);
        var editor = await app.ClientAsAsync(Role.Editor);
        var basePath = $"/api/admin/articles/{story.Id}";

        // Not a live blog yet: entries are refused with a field error.
        var early = await editor.PostAsync($"{basePath}/entries", ApiJson.Body(new { body = "Too soon." }));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        var started = await editor.PostJsonAsync($"{basePath}/live", new { }, 200);
        Assert.True(started["live"]!["isLive"]!.GetValue<bool>());

        var posted = await editor.PostJsonAsync($"{basePath}/entries", new { body = "Doors open at **nine**.", keyEvent = true }, 201);
        var entryId = posted["id"]!.GetValue<int>();
        Assert.Contains("<strong>nine</strong>", posted["html"]!.GetValue<string>());
        Assert.True(posted["keyEvent"]!.GetValue<bool>());

        var edited = await editor.PatchJsonAsync($"{basePath}/entries/{entryId}", new { body = "Doors open at ten." }, null);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var editedNode = await edited.ReadNodeAsync();
        Assert.Contains("ten", editedNode["html"]!.GetValue<string>());
        Assert.True(editedNode["keyEvent"]!.GetValue<bool>()); // left out, so kept

        // Empty and too long bodies are RFC 9457 validation problems naming the field.
        foreach (var bad in new[] { "   ", new string('x', ArticleLimits.LiveEntryBody + 1) })
        {
            var refused = await editor.PostAsync($"{basePath}/entries", ApiJson.Body(new { body = bad }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.NotNull((await refused.ReadNodeAsync())["errors"]!["body"]);
        }

        var listed = await editor.GetFromJsonNodeAsync($"{basePath}/entries");
        Assert.Single(listed.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"{basePath}/entries/{entryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.DeleteAsync($"{basePath}/entries/{entryId}")).StatusCode);
        Assert.Empty((await editor.GetFromJsonNodeAsync($"{basePath}/entries")).AsArray());

        var ended = await editor.PostJsonAsync($"{basePath}/live/end", new { }, 200);
        Assert.False(ended["live"]!["isLive"]!.GetValue<bool>());
        Assert.NotNull(ended["live"]!["endedAt"]);
        await editor.PostJsonAsync($"{basePath}/live/end", new { }, 400);
    }

    [Fact]
    public async Task Contributors_CannotPostToSomeoneElsesLiveBlog_NorStraightOntoTheirOwnPublicOne()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var me = app.EditorFor(app.NewestUser().Id);
        var others = await PublicLiveBlogAsync("Live: someone else's march");
        var before = app.WithDb(db => db.LiveEntries.Count());

        var refused = await contributor.PostAsync($"/api/admin/articles/{others.Id}/entries", ApiJson.Body(new { body = "Sneaking in." }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsync($"/api/admin/articles/{others.Id}/live/end", ApiJson.Body(new { }))).StatusCode);
        var entry = await EntryAsync(others.Id, "Posted by the desk.");
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.DeleteAsync($"/api/admin/articles/{others.Id}/entries/{entry.Id}")).StatusCode);

        // Their own public live blog: an entry would reach readers unreviewed, which contributors' edits never do.
        var own = await PublicLiveBlogAsync("Live: my own march", me);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsync($"/api/admin/articles/{own.Id}/entries", ApiJson.Body(new { body = "Straight out." }))).StatusCode);
        Assert.Equal(before + 1, app.WithDb(db => db.LiveEntries.Count()));

        // Their own draft is theirs to prepare.
        var draft = await app.StoryAsync("Live: my draft march", me);
        await contributor.PostJsonAsync($"/api/admin/articles/{draft.Id}/live", new { }, 200);
        await contributor.PostJsonAsync($"/api/admin/articles/{draft.Id}/entries", new { body = "Ready for when it goes out." }, 201);
    }

    [Fact]
    public async Task PublicPage_ShowsKeyEvents_ThenEntriesNewestFirst_WithPermalinks_AndDescribesItselfAsLiveBlogPosting()
    {
        var story = await PublicLiveBlogAsync("Live: the harbour swim");
        var first = await EntryAsync(story.Id, "Swimmers gather at the slipway.");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await EntryAsync(story.Id, "The klaxon sounds and they are off.", key: true);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await EntryAsync(story.Id, "First swimmer home in eleven minutes.");

        var url = UrlOf(story);
        var doc = await app.Reader().GetPageAsync(url);
        Assert.Equal("Live", doc.QuerySelector(".live-label").Text());
        var entries = doc.QuerySelectorAll(".live-blog article.live-entry").ToList();
        Assert.Equal([$"entry-{third.Id}", $"entry-{second.Id}", $"entry-{first.Id}"], entries.Select(e => e.Id));
        Assert.Equal($"{url}#entry-{first.Id}", entries[2].QuerySelector("a.live-entry__time")!.GetAttribute("href"));
        Assert.NotNull(entries[2].QuerySelector("time[datetime]"));
        var keyLinks = doc.QuerySelectorAll(".key-events a").ToList();
        Assert.Equal([$"#entry-{second.Id}"], keyLinks.Select(a => a.GetAttribute("href")));
        Assert.Contains("klaxon", keyLinks[0].Text());
        // The script that asks for newer entries is same-origin and knows where to start.
        Assert.Equal(third.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), doc.QuerySelector("[data-live-updates]")!.GetAttribute("data-after"));
        Assert.StartsWith("/assets/live-blog.js", doc.QuerySelector(".live-blog script")!.GetAttribute("src"));

        var ld = doc.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();
        Assert.DoesNotContain(ld, n => n.GetProperty("@type").GetString() == "NewsArticle");
        var posting = Assert.Single(ld, n => n.GetProperty("@type").GetString() == "LiveBlogPosting");
        Assert.True(posting.TryGetProperty("coverageStartTime", out _));
        Assert.False(posting.TryGetProperty("coverageEndTime", out _));
        var updates = posting.GetProperty("liveBlogUpdate").EnumerateArray().ToList();
        Assert.Equal(3, updates.Count);
        Assert.All(updates, u => Assert.Equal("BlogPosting", u.GetProperty("@type").GetString()));
        Assert.Equal($"https://quire.example{url}#entry-{third.Id}", updates[0].GetProperty("url").GetString());
        Assert.Contains("eleven minutes", updates[0].GetProperty("articleBody").GetString());

        // Ended: no label, no polling, and the structured data says when coverage stopped.
        await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.EndAsync(story.Id, Editor.System, CancellationToken.None)).Value!);
        var after = await app.Reader().GetPageAsync(url);
        Assert.Null(after.QuerySelector(".live-label"));
        Assert.Null(after.QuerySelector("[data-live-updates]"));
        Assert.Null(after.QuerySelector(".live-blog script"));
        Assert.Equal(3, after.QuerySelectorAll("article.live-entry").Length);
        var ended = after.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(n => n.GetProperty("@type").GetString() == "LiveBlogPosting");
        Assert.True(ended.TryGetProperty("coverageEndTime", out _));
    }

    [Fact]
    public async Task AnEntryPosted_EvictsTheCachedPage_AndTheUpdateDocument()
    {
        var story = await PublicLiveBlogAsync("Live: the bridge vote");
        var first = await EntryAsync(story.Id, "Councillors take their seats.");
        var url = UrlOf(story);
        var updates = $"/live/{story.Id}/entries?after={first.Id}";
        var reader = app.Reader();

        await reader.GetAsync(url);
        await reader.GetAsync(updates);
        Assert.NotNull((await reader.GetAsync(url)).Headers.Age);
        Assert.NotNull((await reader.GetAsync(updates)).Headers.Age);

        var editor = await app.ClientAsAsync(Role.Editor);
        await editor.PostJsonAsync($"/api/admin/articles/{story.Id}/entries", new { body = "The motion passes by two votes." }, 201);

        var page = await reader.GetAsync(url);
        Assert.Null(page.Headers.Age);
        Assert.Contains("The motion passes by two votes.", await page.Content.ReadAsStringAsync());
        var fresh = await reader.GetAsync(updates);
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("The motion passes by two votes.", await fresh.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpdateDocument_HoldsOnlyEntriesAfterTheGivenId_AndIsServedFromTheCacheTheSecondTime()
    {
        var story = await PublicLiveBlogAsync("Live: the allotment show");
        var first = await EntryAsync(story.Id, "Judging starts with the marrows.");
        var second = await EntryAsync(story.Id, "A surprise winner in the onion class.");
        var third = await EntryAsync(story.Id, "Prize-giving is under way.");
        var reader = app.Reader();

        var response = await reader.GetAsync($"/live/{story.Id}/entries?after={first.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        var doc = await Html.ParseAsync(response);
        Assert.Equal("true", doc.QuerySelector(".live-updates")!.GetAttribute("data-live"));
        Assert.Equal([$"entry-{third.Id}", $"entry-{second.Id}"], doc.QuerySelectorAll("article.live-entry").Select(e => e.Id));

        var again = await reader.GetAsync($"/live/{story.Id}/entries?after={first.Id}");
        Assert.NotNull(again.Headers.Age);
        Assert.Equal(response.Headers.ETag, again.Headers.ETag);
        Assert.Contains(PublicCacheTag(story.Id), again.Headers.GetValues("Surrogate-Key").Single().Split(' '));

        Assert.Empty((await Html.ParseAsync(await reader.GetAsync($"/live/{story.Id}/entries?after={third.Id}"))).QuerySelectorAll("article.live-entry"));

        // Only public live blogs have an update document.
        var draft = await app.StoryAsync("Live: not out yet");
        await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.StartAsync(draft.Id, Editor.System, CancellationToken.None)).Value!);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/live/{draft.Id}/entries")).StatusCode);
    }

    [Fact]
    public async Task Newsroom_PostsAnEntryFromTheLivePage_AndReadersSeeIt()
    {
        var story = await PublicLiveBlogAsync("Live: the lantern parade");
        var newsroom = await app.NewsroomAsAsync(Role.Editor);
        var page = $"/newsroom/stories/{story.Id}/live";

        var posted = await newsroom.SubmitAsync(page, "#entry-form", new() { ["body"] = "Lanterns lit along the canal.", ["keyEvent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var listed = await newsroom.GetPageAsync(page);
        Assert.Contains("Lanterns lit along the canal.", listed.QuerySelector(".nr-live-entry__edit textarea").Text());

        var empty = await newsroom.SubmitAsync(page, "#entry-form", new() { ["body"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var reader = await app.Reader().GetPageAsync(UrlOf(story));
        Assert.Contains("Lanterns lit along the canal.", reader.QuerySelector(".key-events").Text());
    }

    [Fact]
    public async Task Demo_HasAnEndedLiveBlog_WithEightEntriesAndTwoKeyEvents()
    {
        var slug = app.WithDb(db => db.Articles.Where(a => a.LiveStartedAt != null && a.Headline.StartsWith("Live: Carrowmere")).Select(a => a.Slug).Single());
        var doc = await app.Reader().GetPageAsync($"/news/uk/{slug}");
        Assert.Equal(8, doc.QuerySelectorAll(".live-blog article.live-entry").Length);
        Assert.Equal(2, doc.QuerySelectorAll(".key-events li").Length);
        Assert.Null(doc.QuerySelector(".live-label"));
        Assert.Contains("Live coverage ended", doc.QuerySelector(".live-blog__status").Text());
        Assert.Contains("Adaeze Okafor", doc.QuerySelector(".live-entry__author").Text());
    }

    private static string PublicCacheTag(int id) => Masthead.Web.PublicSite.PublicCacheTags.Article(id);
}
