using Masthead.Core.Accounts;
using Masthead.Core.Webhooks;
using Masthead.Tests.Support;
using Masthead.Web.Webhooks;

namespace Masthead.Tests.Webhooks;

/// <summary>An app whose operator has not allowed any internal network for webhooks (the default).</summary>
public sealed class NoInternalWebhooksApp : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // a first start sends no webhook

    protected override bool AllowLoopbackWebhooks => false;
}

/// <summary>
/// Deliveries never reach the publication's own network, however the address is spelt: the address connected to is
/// checked at connection time, and the receiver (listening on loopback here) hears nothing.
/// </summary>
public class WebhookSsrfTests(NoInternalWebhooksApp app) : IClassFixture<NoInternalWebhooksApp>
{
    [Fact]
    public async Task DeliveriesToInternalAddresses_AreRefusedAtConnection_AndNothingArrives()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        var spellings = new[]
        {
            receiver.Url, $"http://localhost:{port}/", $"http://2130706433:{port}/", $"http://0x7f000001:{port}/", $"http://127.1:{port}/",
            $"http://[::1]:{port}/", $"http://[::ffff:127.0.0.1]:{port}/", $"http://0.0.0.0:{port}/",
        };
        var ids = new List<int>();
        foreach (var url in spellings)
        {
            var created = await app.UseAsync<WebhookSubscriptions, int?>(async s =>
                (await s.CreateAsync(url, [WebhookEventTypes.ArticlePublished], Editor.System, CancellationToken.None)) is { Outcome: Core.Common.Outcome.Created or Core.Common.Outcome.Ok } r
                    ? r.Value.Subscription.Id : null);
            if (created is { } id) ids.Add(id);
        }
        Assert.NotEmpty(ids);

        var story = await app.StoryAsync("Published while someone probes the network");
        await app.PublishAsync(story.Id);
        await app.DeliverWebhooksAsync();

        Assert.Empty(receiver.Requests);
        var errors = app.WithDb(db => db.WebhookAttempts.Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && ids.Contains(d.SubscriptionId)))
            .Select(a => a.Error).ToList());
        Assert.Equal(ids.Count, errors.Count);
        Assert.All(errors, e => Assert.Contains("internal address", e));
    }
}
