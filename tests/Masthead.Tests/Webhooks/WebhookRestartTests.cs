using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Webhooks;
using Masthead.Tests.Support;
using Masthead.Web.Webhooks;

namespace Masthead.Tests.Webhooks;

/// <summary>The app that comes up on the same data after a restart, with its background delivery service running.</summary>
public sealed class RestartedApp(string dataDirectory, string connectionString) : MastheadAppFactory(dataDirectory, connectionString)
{
    protected override bool WebhookBackgroundDelivery => true;
}

/// <summary>An event queued by an app that stops before sending it is delivered by the next app to start on the same database.</summary>
public class WebhookRestartTests
{
    [Fact]
    public async Task AQueuedEvent_SurvivesARestart_AndIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = new MastheadAppFactory { KeepDataOnDispose = true };
        Guid eventId;
        string secret;
        try
        {
            await ((IAsyncLifetime)first).InitializeAsync();
            secret = (await first.UseAsync<WebhookSubscriptions, (WebhookSubscription, string)>(async s =>
                (await s.CreateAsync(receiver.Url, [WebhookEventTypes.ArticlePublished], Editor.System, CancellationToken.None)).Value)).Item2;
            var story = await first.StoryAsync("Queued before the restart");
            await first.PublishAsync(story.Id);
            var queued = first.WithDb(db => db.WebhookEvents.Single(e => e.Type == WebhookEventTypes.ArticlePublished));
            Assert.Null(queued.DispatchedAt);
            eventId = queued.EventId;
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
        Assert.Empty(receiver.Requests);

        var second = new RestartedApp(first.DataDirectory, first.ConnectionString);
        try
        {
            await ((IAsyncLifetime)second).InitializeAsync();
            await receiver.WaitForAsync(1, TimeSpan.FromSeconds(60));
            var request = Assert.Single(receiver.Requests);
            Assert.Equal(eventId.ToString(), JsonNode.Parse(request.Text)!["id"]!.GetValue<string>());
            Assert.Equal("Queued before the restart", JsonNode.Parse(request.Text)!["data"]!["article"]!["headline"]!.GetValue<string>());
            // The restarted app still reads the secret: the Data Protection keys live in the data folder.
            Assert.True(WebhookSignature.Verify(secret, request.Headers[WebhookSignature.Header], request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }
}
