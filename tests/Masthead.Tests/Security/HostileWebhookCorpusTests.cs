using System.Net;
using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Core.Webhooks;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// Each hostile input in a webhook subscription's fields (in its address, as an event name) through the newsroom's
/// webhooks page, and in the section, author and story whose events a real receiver then gets: every payload is valid
/// JSON that carries the input as text, and the webhooks page and delivery log show it as text.
/// </summary>
public class HostileWebhookCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Inputs() => HostileCorpus.Inputs();

    /// <summary>Posts the subscription form with an address and any number of event names, as a crafted form could.</summary>
    private static async Task<HttpResponseMessage> SubscribeAsync(NewsroomClient admin, string address, params string[] events)
    {
        var page = await admin.GetPageAsync("/newsroom/settings/webhooks");
        var form = page.QuerySelector("#webhook-form")!;
        var fields = NewsroomClient.FieldsOf(form).Where(f => f.Key is not "Address" and not "Events").ToList();
        fields.Add(new("Address", address));
        fields.AddRange(events.Select(e => new KeyValuePair<string, string>("Events", e)));
        return await admin.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AHostileInput_InASubscriptionAndItsEvents_ReachesTheReceiver_AsJsonText(int number, string line)
    {
        var input = Unescape(line);
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.NewsroomAsAsync(Role.Admin);

        var all = WebhookEventTypes.Subscribable.ToArray();
        foreach (var (address, events) in new (string, string[])[] { ($"{receiver.Url}?{input}", all), (input, all), (receiver.Url, [input]) })
        {
            var attempt = await SubscribeAsync(admin, address, events);
            AssertNot500(attempt, "subscription");
            AssertSafeHtml(await attempt.Content.ReadAsStringAsync(), "webhooks page after a subscription");
        }
        var plain = await SubscribeAsync(admin, receiver.Url, all);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var mine = app.WithDb(db => db.WebhookSubscriptions.Where(s => s.Url.StartsWith(receiver.Url)).Select(s => s.Id).ToList());
        await GetSafePageAsync(admin.Http, "/newsroom/settings/webhooks");

        var story = await PublishCarryingStoryAsync(await app.ClientAsAsync(Role.Editor), $"hookcorpus{number}", input);
        await app.DeliverWebhooksAsync();
        foreach (var request in receiver.Requests)
        {
            using var payload = AssertSafeJson(request.Text, $"payload of {request.Headers["Masthead-Event"]}");
            if (story is null || request.Headers["Masthead-Event"] != WebhookEventTypes.ArticlePublished) continue;
            // The headline arrives exactly as stored: JSON-escaped on the wire, never HTML-escaped into the text.
            var headline = payload.RootElement.GetProperty("data").GetProperty("article").GetProperty("headline").GetString();
            Assert.Equal(story.Headline, headline);
            if (input.Contains('<')) Assert.Contains("<", headline);
        }
        if (story is not null) Assert.Contains(receiver.Requests, r => r.Headers["Masthead-Event"] == WebhookEventTypes.ArticlePublished);
        foreach (var id in mine)
        {
            await GetSafePageAsync(admin.Http, $"/newsroom/settings/webhooks/{id}");
            await app.UseAsync<Masthead.Web.Webhooks.WebhookSubscriptions, bool>(async s =>
                (await s.DeleteAsync(id, Editor.System, CancellationToken.None)).Value is not null);
        }
    }
}
