using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.LiveBlogs;
using Masthead.Core.Webhooks;
using Masthead.Tests.Support;
using Masthead.Tests.Webhooks;
using Masthead.Web.Webhooks;

namespace Masthead.Tests.LiveBlogs;

/// <summary>A live blog's entries beyond its page: in the feeds, in the Content API (and its OpenAPI document) and in webhooks.</summary>
public class LiveBlogOutletTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private const string Api = "/api/content/v1";

    private async Task<Article> PublicLiveBlogAsync(string headline)
    {
        var story = await app.StoryAsync(headline);
        await app.PublishAsync(story.Id);
        await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.StartAsync(story.Id, Editor.System, CancellationToken.None)).Value!);
        return story;
    }

    private async Task<LiveEntry> EntryAsync(int articleId, string body)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // entries a minute apart, so newest first is unambiguous
        return await app.UseAsync<LiveBlogDesk, LiveEntry>(async d => (await d.PostAsync(articleId, new LiveEntryInput(body), Editor.System, CancellationToken.None)).Value!);
    }

    private static async Task<JsonNode> OkJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task ContentApi_DescribesTheCoverage_AndPagesThroughEntriesNewestFirst()
    {
        var story = await PublicLiveBlogAsync("Live: the harbour regatta");
        var posted = new List<LiveEntry>();
        for (var i = 1; i <= 5; i++) posted.Add(await EntryAsync(story.Id, $"Regatta update number {i}."));
        var client = await app.ContentClientAsync();

        var article = (await OkJsonAsync(client, $"{Api}/articles/{story.Id}"))["data"]!;
        var live = article["liveBlog"]!;
        Assert.Equal("live", live["state"]!.GetValue<string>());
        Assert.Equal(5, live["entryCount"]!.GetValue<int>());
        Assert.NotNull(live["coverageStartTime"]);
        Assert.Null(live["coverageEndTime"]);
        Assert.EndsWith($"{Api}/articles/{story.Id}/entries", live["entries"]!.GetValue<string>());

        // Two at a time, following pagination.next, gives every entry once, newest first.
        var seen = new List<int>();
        string? next = $"{Api}/articles/{story.Id}/entries?limit=2";
        while (next is not null)
        {
            var page = await OkJsonAsync(client, next);
            var data = page["data"]!.AsArray();
            Assert.InRange(data.Count, 1, 2);
            seen.AddRange(data.Select(e => e!["id"]!.GetValue<int>()));
            next = page["pagination"]!["next"]?.GetValue<string>();
        }
        Assert.Equal(posted.Select(e => e.Id).Reverse(), seen);

        var bySlug = await OkJsonAsync(client, $"{Api}/articles/slug/{story.Slug}/entries");
        var newest = bySlug["data"]![0]!;
        Assert.Equal(posted[^1].Id, newest["id"]!.GetValue<int>());
        Assert.Contains("Regatta update number 5.", newest["bodyHtml"]!.GetValue<string>());
        Assert.EndsWith($"/{story.Slug}#entry-{posted[^1].Id}", newest["url"]!.GetValue<string>());
        Assert.Equal(story.Id, newest["articleId"]!.GetValue<int>());

        // An edit shows at once: the entry list is evicted with its story.
        await app.UseAsync<LiveBlogDesk, LiveEntry>(async d => (await d.EditAsync(story.Id, posted[^1].Id, new LiveEntryInput("Regatta: the final tack."), Editor.System, CancellationToken.None)).Value!);
        Assert.Contains("final tack", (await OkJsonAsync(client, $"{Api}/articles/slug/{story.Slug}/entries"))["data"]![0]!["bodyHtml"]!.GetValue<string>());

        await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.EndAsync(story.Id, Editor.System, CancellationToken.None)).Value!);
        var ended = (await OkJsonAsync(client, $"{Api}/articles/{story.Id}?fields=headline,liveBlog"))["data"]!;
        Assert.Equal("ended", ended["liveBlog"]!["state"]!.GetValue<string>());
        Assert.NotNull(ended["liveBlog"]!["coverageEndTime"]);
        Assert.Null(ended["slug"]);
    }

    [Fact]
    public async Task ContentApi_RefusesEntriesOfOrdinaryAndUnpublishedStories_AndBadParameters()
    {
        var client = await app.ContentClientAsync();
        var ordinary = await app.PublishAsync((await app.StoryAsync("Not live: a quiet profile")).Id);
        Assert.Null((await OkJsonAsync(client, $"{Api}/articles/{ordinary.Id}"))["data"]!["liveBlog"]);
        var notLive = await client.GetAsync($"{Api}/articles/{ordinary.Id}/entries");
        Assert.Equal(HttpStatusCode.NotFound, notLive.StatusCode);
        Assert.Contains("is not a live blog", await notLive.Content.ReadAsStringAsync());

        // A draft live blog's entries are as unknown as an id that never existed.
        var draft = await app.StoryAsync("Live draft: not yet");
        await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.StartAsync(draft.Id, Editor.System, CancellationToken.None)).Value!);
        await EntryAsync(draft.Id, "Secret early entry.");
        var hidden = await client.GetAsync($"{Api}/articles/{draft.Id}/entries");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("Secret", await hidden.Content.ReadAsStringAsync());

        var story = await PublicLiveBlogAsync("Live: parameters");
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=101", "limit"), ("cursor=bogus", "cursor"), ("sort=-updatedAt", "sort") })
        {
            var response = await client.GetAsync($"{Api}/articles/{story.Id}/entries?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
        }

        var document = await app.Reader().GetStringAsync("/openapi/content.json");
        Assert.Contains("/api/content/v1/articles/{id}/entries", document);
        Assert.Contains("/api/content/v1/articles/slug/{slug}/entries", document);
        Assert.Contains("ContentLiveEntry", document);
        Assert.Contains("coverageStartTime", document);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    public async Task Feeds_CarryTheLatestEntriesInTheStorysItem_AndItsUpdatedTimeMovesWithThem(string url)
    {
        var story = await PublicLiveBlogAsync($"Live: feed night {url}");
        var first = await EntryAsync(story.Id, "The first lamp is lit.");
        var latest = await EntryAsync(story.Id, "The *last* boat is in.");
        for (var i = 0; i < FeedEntryLimit; i++) await EntryAsync(story.Id, $"Filler entry {i}.");

        var xml = XDocument.Parse(await app.Reader().GetStringAsync(url));
        var items = xml.Descendants().Where(e => e.Name.LocalName is "item" or "entry").ToList();
        var item = items.Single(i => i.Elements().Any(e => e.Name.LocalName == "title" && e.Value == story.Headline));
        var content = item.Elements().Single(e => e.Name.LocalName is "encoded" or "content").Value;
        Assert.Contains("Latest updates", content);
        Assert.Contains($"/{story.Slug}#entry-", content);
        Assert.Contains("Filler entry 9.", content);
        // Ten entries at most: the two oldest are left to the page.
        Assert.DoesNotContain("last boat", content);
        Assert.DoesNotContain("first lamp", content);
        Assert.True(content.IndexOf("Filler entry 9.", StringComparison.Ordinal) < content.IndexOf("Filler entry 0.", StringComparison.Ordinal), "newest first");
        Assert.Single(items, i => i.Elements().Any(e => e.Name.LocalName == "title" && e.Value == story.Headline)); // entries are not items

        if (url.EndsWith(".atom", StringComparison.Ordinal))
        {
            var updated = DateTime.Parse(item.Elements().Single(e => e.Name.LocalName == "updated").Value, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, updated, TimeSpan.FromSeconds(1));
        }
        Assert.True(latest.Id > first.Id);
    }

    private const int FeedEntryLimit = 10;

    [Fact]
    public async Task Webhooks_TellOfEntriesOnPublicLiveBlogs_Signed_AndNotOfDrafts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, secret) = await app.UseAsync<WebhookSubscriptions, (WebhookSubscription, string)>(async s =>
            (await s.CreateAsync(receiver.Url, [WebhookEventTypes.LiveEntryCreated, WebhookEventTypes.LiveEntryUpdated, WebhookEventTypes.LiveEntryDeleted],
                Editor.System, CancellationToken.None)).Value);
        try
        {
            var draft = await app.StoryAsync("Live draft: webhooks");
            await app.UseAsync<LiveBlogDesk, Article>(async d => (await d.StartAsync(draft.Id, Editor.System, CancellationToken.None)).Value!);
            await EntryAsync(draft.Id, "Nobody hears of this.");
            await app.DeliverWebhooksAsync();
            Assert.Empty(receiver.Requests);

            var story = await PublicLiveBlogAsync("Live: the count");
            var entry = await EntryAsync(story.Id, "Ward one declares.");
            await app.UseAsync<LiveBlogDesk, LiveEntry>(async d => (await d.EditAsync(story.Id, entry.Id, new LiveEntryInput("Ward one declares: a recount."), Editor.System, CancellationToken.None)).Value!);
            await app.UseAsync<LiveBlogDesk, LiveEntry>(async d => (await d.DeleteAsync(story.Id, entry.Id, Editor.System, CancellationToken.None)).Value!);
            await app.DeliverWebhooksAsync();

            Assert.Equal(["live_entry.created", "live_entry.updated", "live_entry.deleted"], receiver.Requests.Select(r => r.Headers["Masthead-Event"]));
            foreach (var request in receiver.Requests)
                Assert.True(WebhookSignature.Verify(secret, request.Headers[WebhookSignature.Header], request.Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            var created = JsonNode.Parse(receiver.Requests[0].Text)!["data"]!;
            Assert.Equal(entry.Id, created["entryId"]!.GetValue<int>());
            Assert.Equal(story.Id, created["articleId"]!.GetValue<int>());
            Assert.Contains("Ward one declares.", created["entry"]!["bodyHtml"]!.GetValue<string>());
            // Each event tells of the entry as that change left it, although all were dispatched after the delete.
            Assert.Contains("a recount", JsonNode.Parse(receiver.Requests[1].Text)!["data"]!["entry"]!["bodyHtml"]!.GetValue<string>());
            var deleted = JsonNode.Parse(receiver.Requests[2].Text)!["data"]!;
            Assert.Equal(entry.Id, deleted["entryId"]!.GetValue<int>());
            Assert.Equal(story.Id, deleted["articleId"]!.GetValue<int>());
            Assert.Null(deleted["entry"]);
        }
        finally
        {
            await app.UseAsync<WebhookSubscriptions, WebhookSubscription>(async s => (await s.DeleteAsync(subscription.Id, Editor.System, CancellationToken.None)).Value!);
        }
    }
}
