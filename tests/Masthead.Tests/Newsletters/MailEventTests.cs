using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Tests.Members;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Newsletters;

/// <summary>The members app with the mail-events webhook switched on (a shared secret and a Mailgun signing key).</summary>
public sealed class MailEventsAppFactory : MembersAppFactory
{
    public const string Secret = "test-events-secret-2b7f";
    public const string MailgunKey = "key-test-mailgun-signing-91c3";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:MailEvents:Secret", Secret);
        builder.UseSetting("Masthead:MailEvents:MailgunSigningKey", MailgunKey);
    }
}

/// <summary>
/// Bounces and complaints reported by the mail provider: hard bounces and complaints stop newsletters to the address,
/// soft bounces are recorded only; each shape proves itself (secret or signature) or changes nothing. Both databases,
/// with a real SMTP server receiving the newsletter that follows.
/// </summary>
public sealed class MailEventTests(MailEventsAppFactory app) : IClassFixture<MailEventsAppFactory>
{
    private const string Url = "/api/mail/events";

    private HttpClient Bearer(string secret = MailEventsAppFactory.Secret)
    {
        var client = app.Reader();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private HttpClient Basic(string password)
    {
        var client = app.Reader();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("postmark:" + password)));
        return client;
    }

    /// <summary>Posts as Postmark does: its PascalCase names, the secret as basic authentication's password.</summary>
    private async Task PostmarkAsync(object body)
    {
        var response = await Basic(MailEventsAppFactory.Secret).PostAsync(Url,
            new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private object MailgunEvent(string recipient, string eventName, string? severity, string key = MailEventsAppFactory.MailgunKey, long? timestamp = null)
    {
        var stamp = (timestamp ?? app.Clock.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = Guid.NewGuid().ToString("N");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(stamp + token)));
        return new Dictionary<string, object>
        {
            ["signature"] = new { timestamp = stamp, token, signature },
            ["event-data"] = new Dictionary<string, object?>
            {
                ["event"] = eventName, ["severity"] = severity, ["recipient"] = recipient,
                ["delivery-status"] = new { message = "", description = "No such mailbox" },
            },
        };
    }

    private (DateTime? StoppedAt, List<MemberEventKind> Kinds) State(string email) => app.WithDb(db =>
    {
        var member = db.Members.Single(m => m.Email == email);
        return (member.EmailStoppedAt, db.MemberEvents.Where(e => e.MemberId == member.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToList());
    });

    [Fact]
    public async Task HardBouncesAndComplaints_StopTheNextNewsletter_SoftBouncesAreOnlyRecorded()
    {
        var newsletter = await app.NewsletterAsync($"Bounces {Guid.NewGuid():N}");
        var m = await app.SubscribedMembersAsync(newsletter, 5);
        var (hard, soft, postmarkComplaint, mailgunHard, untouched) = (m[0], m[1], m[2], m[3], m[4]);

        await Bearer().PostJsonAsync(Url, new object[]
        {
            new { type = "hard-bounce", email = hard.ToUpperInvariant(), detail = "550 5.1.1 user unknown" },
            new { type = "soft-bounce", email = soft, detail = "452 mailbox full" },
            new { type = "hard-bounce", email = "nobody-" + MembersAppFactory.NewAddress() }, // no member: same answer
        }, 200);
        await PostmarkAsync(new { RecordType = "SpamComplaint", Type = "SpamComplaint", Email = postmarkComplaint, MessageStream = "broadcast" });
        await PostmarkAsync(new { RecordType = "Delivery", Recipient = untouched }); // ignored
        await app.Reader().PostJsonAsync(Url, MailgunEvent(mailgunHard, "failed", "permanent"), 200);

        Assert.NotNull(State(hard).StoppedAt);
        Assert.Equal(MemberEventKind.Bounced, State(hard).Kinds[^1]);
        Assert.Null(State(soft).StoppedAt);
        Assert.Equal(MemberEventKind.SoftBounced, State(soft).Kinds[^1]);
        Assert.NotNull(State(postmarkComplaint).StoppedAt);
        Assert.Equal(MemberEventKind.Complained, State(postmarkComplaint).Kinds[^1]);
        Assert.NotNull(State(mailgunHard).StoppedAt);
        Assert.Empty(State(untouched).Kinds);
        Assert.Contains("550 5.1.1 user unknown", app.WithDb(db => db.Members.Single(x => x.Email == hard).EmailStoppedReason));

        var story = await app.StoryAsync($"After the bounces {Guid.NewGuid():N}");
        await app.PublishAsync(story.Id);
        await app.UseAsync<NewsletterDesk, NewsletterSend>(async d => (await d.RequestSendAsync(story.Id, newsletter.Id, Editor.System, CancellationToken.None)).Value!);
        Assert.Equal(2, await app.SendNewslettersAsync());
        Assert.Single(await app.Smtp.WaitForAsync(soft));
        Assert.Single(await app.Smtp.WaitForAsync(untouched));
        foreach (var stopped in new[] { hard, postmarkComplaint, mailgunHard }) Assert.Empty(app.Smtp.MessagesTo(stopped));
        var send = app.WithDb(db => db.NewsletterSends.Single(s => s.ArticleId == story.Id));
        Assert.Equal((2, 2), (send.Total, send.SentCount));
    }

    [Fact]
    public async Task PostmarkHardBounce_AndAddressesDeactivatedByPostmark_Stop()
    {
        var newsletter = await app.NewsletterAsync($"Postmark {Guid.NewGuid():N}");
        var m = await app.SubscribedMembersAsync(newsletter, 3);
        await PostmarkAsync(new { RecordType = "Bounce", Type = "HardBounce", Email = m[0], Description = "The server was unable to deliver your message", Inactive = true });
        await PostmarkAsync(new { RecordType = "Bounce", Type = "SoftBounce", Email = m[1], Description = "Mailbox full", Inactive = false });
        await PostmarkAsync(new { RecordType = "Bounce", Type = "Blocked", Email = m[2], Description = "Blocked by the ISP", Inactive = true });
        Assert.NotNull(State(m[0]).StoppedAt);
        Assert.Null(State(m[1]).StoppedAt);
        Assert.Equal(MemberEventKind.SoftBounced, State(m[1]).Kinds.Single());
        Assert.NotNull(State(m[2]).StoppedAt);
    }

    [Fact]
    public async Task WithoutTheSecretOrAValidSignature_NothingChanges()
    {
        var newsletter = await app.NewsletterAsync($"Refused {Guid.NewGuid():N}");
        var email = (await app.SubscribedMembersAsync(newsletter, 1))[0];
        var body = new { type = "complaint", email };
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Reader().PostAsync(Url, ApiJson.Body(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer("not-the-secret").PostAsync(Url, ApiJson.Body(body))).StatusCode);
        var wrongPassword = await Basic("not-the-secret").PostAsync(Url, ApiJson.Body(body));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType!.MediaType);
        // A Mailgun event needs Mailgun's signature: the shared secret does not stand in for it, nor an old or forged one.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer().PostAsync(Url, ApiJson.Body(MailgunEvent(email, "complained", null, key: "another-key")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Reader().PostAsync(Url,
            ApiJson.Body(MailgunEvent(email, "complained", null, timestamp: app.Clock.GetUtcNow().AddHours(-1).ToUnixTimeSeconds())))).StatusCode);
        Assert.Null(State(email).StoppedAt);
        Assert.Empty(State(email).Kinds);
    }

    [Fact]
    public async Task UnreadableEvents_AreRefusedWithAPreciseProblem()
    {
        var client = Bearer();
        var wrongType = await client.PostAsync(Url, ApiJson.Body(new { type = "bounced", email = "a@b.example" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("\"hard-bounce\", \"soft-bounce\" or \"complaint\", not \"bounced\"", (await wrongType.ReadNodeAsync())["detail"]!.GetValue<string>());
        var noEmail = await client.PostAsync(Url, ApiJson.Body(new[] { new { type = "complaint", email = "a@b.example" }, new { type = "complaint", email = "" } }));
        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        Assert.StartsWith("Event 2: \"email\"", (await noEmail.ReadNodeAsync())["detail"]!.GetValue<string>());
        var notJson = await client.PostAsync(Url, new StringContent("type=complaint", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task AChangedAddress_MayReceiveNewslettersAgain()
    {
        var newsletter = await app.NewsletterAsync($"New address {Guid.NewGuid():N}");
        var email = (await app.SubscribedMembersAsync(newsletter, 1))[0];
        await Bearer().PostJsonAsync(Url, new { type = "hard-bounce", email }, 200);
        var id = app.WithDb(db => db.Members.Single(x => x.Email == email).Id);
        var fresh = MembersAppFactory.NewAddress();
        var link = await app.UseAsync<MemberAccounts, MemberLink?>(a => a.RequestEmailChangeAsync(id, fresh, CancellationToken.None));
        Assert.NotNull(await app.UseAsync<MemberAccounts, Member?>(a => a.ConfirmEmailChangeAsync(link!.Secret, CancellationToken.None)));
        Assert.Null(app.WithDb(db => db.Members.Single(x => x.Id == id).EmailStoppedAt));
    }
}

/// <summary>Without a secret or a signing key configured, the webhook is not there at all.</summary>
public sealed class MailEventsOffTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task TheEndpointAnswers404_UntilConfigured()
    {
        var response = await app.Reader().PostAsync("/api/mail/events", ApiJson.Body(new { type = "complaint", email = "a@b.example" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
