using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Webhooks;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/settings/content-keys and /newsroom/settings/webhooks (with each subscription's delivery log), used as an admin would.</summary>
public class ContentKeysAndWebhooksPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Admin_CreatesAContentKey_SeesItOnce_AndRevokesIt()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Kit Keys");
        var created = await admin.SubmitAsync("/newsroom/settings/content-keys", "#content-key-form", new() { ["KeyName"] = "Android app" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await Html.ParseAsync(created);
        var secret = page.QuerySelector("#key-secret")!.GetAttribute("value")!;
        Assert.StartsWith("mhc_", secret);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync($"/api/content/v1/sections?key={Uri.EscapeDataString(secret)}")).StatusCode);

        var again = await admin.GetPageAsync("/newsroom/settings/content-keys");
        Assert.Null(again.QuerySelector("#key-secret"));
        Assert.DoesNotContain(secret, again.DocumentElement.OuterHtml);
        var id = app.WithDb(db => db.ContentApiKeys.Single(k => k.Name == "Android app").Id);
        var row = again.QuerySelector($"#key-{id}")!;
        Assert.Contains(secret[..8], row.TextContent);
        Assert.Equal("page", again.QuerySelector("a[href='/newsroom/settings/content-keys']")!.GetAttribute("aria-current"));

        var revoked = await admin.PostFormAsync(row.QuerySelector("form")!, "/newsroom/settings/content-keys", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Reader().GetAsync($"/api/content/v1/sections?key={Uri.EscapeDataString(secret)}")).StatusCode);
        Assert.Equal(["created a Content API key", "revoked a Content API key"],
            app.WithDb(db => db.AuditEvents.Where(e => e.UserName == "Kit Keys" && e.EntityType == "content-key").OrderBy(e => e.Id).Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task AContentKeyWithoutAName_IsRefused_NextToTheField()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var before = app.WithDb(db => db.ContentApiKeys.Count());
        var response = await admin.SubmitAsync("/newsroom/settings/content-keys", "#content-key-form", new() { ["KeyName"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("iOS app", page.QuerySelector("#err-name").Text());
        Assert.Equal("true", page.QuerySelector("#f-key-name")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, app.WithDb(db => db.ContentApiKeys.Count()));
    }

    [Fact]
    public async Task Admin_SubscribesAnAddress_SendsATest_AndReadsTheDeliveryLog()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await app.NewsroomAsAsync(Role.Admin, "Wes Webhooks");

        var refused = await admin.SubmitAsync("/newsroom/settings/webhooks", "#webhook-form", new() { ["Address"] = "ftp://files.example/drop" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await Html.ParseAsync(refused);
        Assert.Contains("\"ftp:\" addresses cannot receive them", refusedPage.QuerySelector("#err-url").Text());
        Assert.Equal("ftp://files.example/drop", refusedPage.QuerySelector("#f-webhook-url")!.GetAttribute("value"));
        Assert.Equal(0, app.WithDb(db => db.WebhookSubscriptions.Count()));

        var created = await admin.SubmitAsync("/newsroom/settings/webhooks", "#webhook-form", new() { ["Address"] = receiver.Url });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = (await Html.ParseAsync(created)).QuerySelector("#webhook-secret")!.GetAttribute("value")!;
        Assert.StartsWith("whsec_", secret);
        var subscription = app.WithDb(db => db.WebhookSubscriptions.Single());
        Assert.Equal(["article.published", "article.updated", "article.unpublished"], subscription.EventList); // the form's defaults
        Assert.DoesNotContain(secret, subscription.ProtectedSecret); // encrypted at rest

        var list = await admin.GetPageAsync("/newsroom/settings/webhooks");
        Assert.Null(list.QuerySelector("#webhook-secret"));
        var logUrl = $"/newsroom/settings/webhooks/{subscription.Id}";
        Assert.NotNull(list.QuerySelector($"#webhook-{subscription.Id} a[href='{logUrl}']"));

        var test = await admin.SubmitAsync(logUrl, "#webhook-test-form", []);
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        Assert.Equal($"{logUrl}?done=test", test.Headers.Location!.OriginalString);
        var waiting = await admin.GetPageAsync(logUrl);
        Assert.Contains("Waiting to be sent", waiting.QuerySelector("#deliveries").Text());

        await app.DeliverWebhooksAsync();
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(WebhookEventTypes.Test, request.Headers["Masthead-Event"]);
        Assert.True(Masthead.Web.Webhooks.WebhookSignature.Verify(secret, request.Headers["Masthead-Signature"], request.Body, app.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        var log = await admin.GetPageAsync(logUrl);
        var row = log.QuerySelector("#deliveries tbody tr")!;
        Assert.Equal("delivered", row.GetAttribute("data-state"));
        Assert.Contains("HTTP 200", row.TextContent);
        Assert.Contains("webhook.test", row.TextContent);

        var removed = await admin.PostFormAsync(list.QuerySelector($"#webhook-{subscription.Id} form[action*='Remove']")!, "/newsroom/settings/webhooks", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, app.WithDb(db => db.WebhookSubscriptions.Count() + db.WebhookDeliveries.Count()));
        Assert.Equal(["subscribed a webhook", "removed a webhook"],
            app.WithDb(db => db.AuditEvents.Where(e => e.UserName == "Wes Webhooks" && e.EntityType == "webhook").OrderBy(e => e.Id).Select(e => e.Action).ToList()));
    }
}
