using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Common;
using Masthead.Core.Sections;
using Masthead.Core.Webhooks;
using Masthead.Tests.Support;
using Masthead.Web.Webhooks;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Webhooks;

public sealed class WebhookApp : MastheadAppFactory
{
    public const int MaxAttempts = 3;
    protected override bool StartsFromFirstStartCopy => true; // retry settings change nothing a first start writes

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Webhooks:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Masthead:Webhooks:FirstRetrySeconds", "30");
    }
}

/// <summary>
/// Webhooks against a real HTTP receiver on a loopback port: signed payloads for each event, retries after a failure
/// with the backoff measured on the test clock, the dead state after the last attempt, and one delivery per event
/// however many dispatchers run at once.
/// </summary>
public class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private Task<(WebhookSubscription Subscription, string Secret)> SubscribeAsync(string url, params string[] events) =>
        app.UseAsync<WebhookSubscriptions, (WebhookSubscription, string)>(async s =>
            (await s.CreateAsync(url, events.Length == 0 ? WebhookEventTypes.Subscribable : events, Editor.System, CancellationToken.None)).Value);

    private Task UnsubscribeAsync(int id) =>
        app.UseAsync<WebhookSubscriptions, WebhookSubscription>(async s => (await s.DeleteAsync(id, Editor.System, CancellationToken.None)).Value!);

    private Task<Article> PublishAsync(int id) => app.PublishAsync(id);

    private static JsonNode Json(WebhookReceiver.Received request) => JsonNode.Parse(request.Text)!;

    private List<WebhookDelivery> DeliveriesOf(int subscriptionId) =>
        app.WithDb(db => db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId).OrderBy(d => d.Id).ToList());

    [Fact]
    public async Task PublishUpdateUnpublish_AreDeliveredSigned_WithTheArticlesPublicContract()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, secret) = await SubscribeAsync(receiver.Url);
        var story = await app.StoryAsync("The ferry timetable, explained", tags: ["Transport"]);
        await app.DeliverWebhooksAsync();
        Assert.Empty(receiver.Requests); // a draft is nobody's business

        await PublishAsync(story.Id);
        await app.DeliverWebhooksAsync();
        var published = Assert.Single(receiver.Requests);
        Assert.Equal("/hooks/masthead", published.Path);
        Assert.Equal("application/json; charset=utf-8", published.Headers["Content-Type"]);
        Assert.Equal("article.published", published.Headers["Masthead-Event"]);
        Assert.True(WebhookSignature.Verify(secret, published.Headers[WebhookSignature.Header], published.Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)),
            $"signature {published.Headers[WebhookSignature.Header]} does not verify");
        Assert.False(WebhookSignature.Verify("whsec_wrong", published.Headers[WebhookSignature.Header], published.Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        var tampered = published.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(secret, published.Headers[WebhookSignature.Header], tampered, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));

        var payload = Json(published);
        Assert.Equal("article.published", payload["type"]!.GetValue<string>());
        Assert.Equal(published.Headers["Masthead-Event-Id"], payload["id"]!.GetValue<string>());
        Assert.True(payload["occurredAt"]!.GetValue<DateTime>() > DateTime.UtcNow.AddDays(-1));
        var article = payload["data"]!["article"]!;
        Assert.Equal(story.Id, payload["data"]!["articleId"]!.GetValue<int>());
        Assert.Equal("The ferry timetable, explained", article["headline"]!.GetValue<string>());
        Assert.Equal("wren-ashdown", article["authors"]![0]!["slug"]!.GetValue<string>());
        Assert.Equal("Transport", article["tags"]![0]!["name"]!.GetValue<string>());
        Assert.Null(article["bodyMarkdown"]);
        Assert.Null(article["status"]);

        await app.UseAsync<SaveArticle, Article>(async s =>
            (await s.UpdateAsync(story.Id, new ArticleInput { Headline = "The ferry timetable, explained again" }, null, Editor.System, CancellationToken.None)).Value!);
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.UnpublishAsync(story.Id, null, Editor.System, CancellationToken.None)).Value!);
        await app.DeliverWebhooksAsync();
        Assert.Equal(["article.published", "article.updated", "article.unpublished"], receiver.Requests.Select(r => Json(r)["type"]!.GetValue<string>()));
        // Each event tells of the story as that change left it, although both were dispatched after the unpublish.
        Assert.Equal("The ferry timetable, explained again", Json(receiver.Requests[1])["data"]!["article"]!["headline"]!.GetValue<string>());
        var unpublished = Json(receiver.Requests[2]);
        Assert.Equal(story.Id, unpublished["data"]!["articleId"]!.GetValue<int>());
        Assert.Null(unpublished["data"]!["article"]);
        Assert.All(DeliveriesOf(subscription.Id), d => Assert.Equal(WebhookDeliveryState.Delivered, d.State));
        await UnsubscribeAsync(subscription.Id);
    }

    [Fact]
    public async Task ASubscription_GetsOnlyTheEventsItChose_AndSectionAndAuthorChangesHaveTheirOwn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, _) = await SubscribeAsync(receiver.Url, WebhookEventTypes.SectionChanged, WebhookEventTypes.AuthorChanged);
        var story = await app.StoryAsync("Not for this subscriber");
        await PublishAsync(story.Id);
        var section = await app.UseAsync<SaveSection, Section>(async s =>
            (await s.CreateAsync(new SectionInput("Night Life", null, "life", "After dark.", null), Editor.System, CancellationToken.None)).Value!);
        var author = app.WithDb(db => db.Authors.First(a => a.Slug == "wren-ashdown"));
        await app.UseAsync<SaveAuthor, Author>(async s =>
            (await s.UpdateAsync(author.Id, new AuthorInput(author.Name, author.Slug, "A new biography.", author.PhotoUrl, author.Links), Editor.System, CancellationToken.None)).Value!);
        await app.DeliverWebhooksAsync();

        var types = receiver.Requests.Select(r => Json(r)["type"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("article.published", types);
        var sectionEvent = receiver.Requests.Select(Json).First(p => p["type"]!.GetValue<string>() == "section.changed" && p["data"]!["sectionId"]?.GetValue<int>() == section.Id);
        Assert.Equal("life/night-life", sectionEvent["data"]!["section"]!["path"]!.GetValue<string>());
        var authorEvent = receiver.Requests.Select(Json).Single(p => p["type"]!.GetValue<string>() == "author.changed");
        Assert.Equal("A new biography.", authorEvent["data"]!["author"]!["bio"]!.GetValue<string>());
        await UnsubscribeAsync(subscription.Id);
    }

    [Fact]
    public async Task AFailedDelivery_IsRetriedAfterTheBackoff_AndThenSucceeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, _) = await SubscribeAsync(receiver.Url, WebhookEventTypes.ArticlePublished);
        receiver.AnswerWith(500);
        var story = await app.StoryAsync("Retried until it lands");
        await PublishAsync(story.Id);

        await app.DeliverWebhooksAsync();
        Assert.Single(receiver.Requests);
        var failed = Assert.Single(DeliveriesOf(subscription.Id));
        Assert.Equal(WebhookDeliveryState.Pending, failed.State);
        Assert.Equal(500, failed.LastStatusCode);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), failed.NextAttemptAt, TimeSpan.FromSeconds(1));

        // Not before the backoff has passed…
        app.Clock.Advance(TimeSpan.FromSeconds(20));
        await app.DeliverWebhooksAsync();
        Assert.Single(receiver.Requests);
        // …and then it goes again, with the same event and a fresh signature.
        app.Clock.Advance(TimeSpan.FromSeconds(11));
        await app.DeliverWebhooksAsync();
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(Json(receiver.Requests[0])["id"]!.GetValue<string>(), Json(receiver.Requests[1])["id"]!.GetValue<string>());
        Assert.Equal("2", receiver.Requests[1].Headers["Masthead-Attempt"]);

        var delivered = Assert.Single(DeliveriesOf(subscription.Id));
        Assert.Equal(WebhookDeliveryState.Delivered, delivered.State);
        var log = app.WithDb(db => db.WebhookAttempts.Where(a => a.DeliveryId == delivered.Id).OrderBy(a => a.Number).ToList());
        Assert.Equal([(1, (int?)500), (2, 200)], log.Select(a => (a.Number, a.StatusCode)));
        Assert.Contains("500", log[0].Error);
        Assert.Null(log[1].Error);
        await UnsubscribeAsync(subscription.Id);
    }

    [Fact]
    public async Task ADelivery_IsDeadAfterTheLastAttempt_AndNotTriedAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, _) = await SubscribeAsync(receiver.Url, WebhookEventTypes.ArticlePublished);
        receiver.AnswerWith(Enumerable.Repeat(503, 10).ToArray());
        var story = await app.StoryAsync("Never lands");
        await PublishAsync(story.Id);

        var backoff = await app.UseAsync<WebhookDispatcher, TimeSpan[]>(d => Task.FromResult(new[] { d.Backoff(1), d.Backoff(2), d.Backoff(3) }));
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)], backoff);
        for (var attempt = 1; attempt <= WebhookApp.MaxAttempts; attempt++)
        {
            await app.DeliverWebhooksAsync();
            Assert.Equal(attempt, receiver.Requests.Count);
            app.Clock.Advance(backoff[attempt - 1] + TimeSpan.FromSeconds(1));
        }
        var dead = Assert.Single(DeliveriesOf(subscription.Id));
        Assert.Equal(WebhookDeliveryState.Dead, dead.State);
        Assert.Equal(WebhookApp.MaxAttempts, dead.Attempts);

        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.DeliverWebhooksAsync();
        Assert.Equal(WebhookApp.MaxAttempts, receiver.Requests.Count);
        await UnsubscribeAsync(subscription.Id);
    }

    [Fact]
    public async Task SeveralDispatchersAtOnce_SendEachDeliveryOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscription, _) = await SubscribeAsync(receiver.Url, WebhookEventTypes.ArticlePublished);
        for (var i = 0; i < 4; i++) await PublishAsync((await app.StoryAsync($"Busy morning, story {i}")).Id);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(app.DeliverWebhooksAsync)));
        await app.DeliverWebhooksAsync(); // whatever a busy pass skipped

        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal(4, receiver.Requests.Select(r => Json(r)["id"]!.GetValue<string>()).Distinct().Count());
        Assert.All(DeliveriesOf(subscription.Id), d => Assert.Equal(1, d.Attempts));
        await UnsubscribeAsync(subscription.Id);
    }

    [Fact]
    public async Task NothingIsQueued_WhileNobodySubscribes()
    {
        foreach (var s in app.WithDb(db => db.WebhookSubscriptions.Select(x => x.Id).ToList())) await UnsubscribeAsync(s);
        var before = app.WithDb(db => db.WebhookEvents.Count());
        await PublishAsync((await app.StoryAsync("Published to nobody in particular")).Id);
        Assert.Equal(before, app.WithDb(db => db.WebhookEvents.Count()));
    }

    [Theory]
    [InlineData("ftp://example.org/hook", "ftp")]
    [InlineData("/hooks/relative", "whole address")]
    [InlineData("javascript:alert(1)", "whole address")]
    [InlineData("https://user:secret@example.org/hook", "user name")]
    [InlineData("", "Give the address")]
    public async Task SubscriptionAddresses_MustBeAbsoluteHttpOrHttps(string url, string message)
    {
        var result = await app.UseAsync<WebhookSubscriptions, Result<(WebhookSubscription, string)>>(s =>
            s.CreateAsync(url, [WebhookEventTypes.ArticlePublished], Editor.System, CancellationToken.None));
        Assert.Equal(Outcome.Invalid, result.Outcome);
        Assert.Contains(message, result.Errors!.ToDictionary()["url"][0]);
    }
}
