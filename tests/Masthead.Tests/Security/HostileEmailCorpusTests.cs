using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Members;
using Masthead.Tests.Members;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// Each hostile input where mail is concerned: as a sign-up address and a member's name (on the member's own pages
/// and the newsroom's), in a newsletter's name, description and sender name, and in a story sent as that newsletter
/// through a real mail server. The HTML part holds nothing executable, the plain-text part is plain (the words as
/// typed, no markup and no HTML escapes), and the headers carry the input as text (no injected header or recipient).
/// </summary>
public class HostileEmailCorpusTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    public static IEnumerable<object[]> Inputs() => HostileCorpus.Inputs();

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AHostileInput_InMembersNewslettersAndTheStoryMailed_ComesOutAsText(int number, string line)
    {
        var input = Unescape(line);
        foreach (var address in new[] { input, $"x{number}{input}@test.example", $"reader{number}@test.example\r\nBcc: {input}" })
        {
            var signUp = await app.Browser().PostFormAsync("/members/sign-up", ("email", address));
            AssertNot500(signUp, "sign-up");
            AssertSafeHtml(await signUp.Content.ReadAsStringAsync(), "sign-up answer");
        }

        var email = MembersAppFactory.NewAddress();
        var member = await app.NewMemberAsync(email);
        var named = await member.SubmitAccountFormAsync("/members/account", ("name", $"Reader {input}"));
        AssertNot500(named, "member name");
        await GetSafePageAsync(member, "/members/account");
        var memberId = app.WithDb(db => db.Members.Single(m => m.Email == email).Id);
        var admin = await app.NewsroomAsAsync(Role.Admin);
        await GetSafePageAsync(admin.Http, "/newsroom/members?q=" + Uri.EscapeDataString(email));
        await GetSafePageAsync(admin.Http, $"/newsroom/members/{memberId}");

        var saved = await admin.SubmitAsync("/newsroom/newsletters", "#newsletter-form", new()
        {
            ["Name"] = $"Letters {number} {input}", ["Description"] = input, ["SenderName"] = input, ["SenderEmail"] = "letters@quire.example",
        });
        AssertNot500(saved, "newsletter");
        if (saved.StatusCode != HttpStatusCode.Redirect) AssertSafeHtml(await saved.Content.ReadAsStringAsync(), "newsletter refused");
        await GetSafePageAsync(admin.Http, "/newsroom/newsletters");
        var newsletter = saved.StatusCode == HttpStatusCode.Redirect
            ? app.WithDb(db => db.Newsletters.OrderByDescending(n => n.Id).First())
            : await app.NewsletterAsync($"Letters {number}");
        await GetSafePageAsync(member, "/members/account");
        await app.WithDbAsync(async db =>
        {
            db.NewsletterSubscriptions.Add(new NewsletterSubscription { MemberId = memberId, NewsletterId = newsletter.Id, SubscribedAt = app.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        });

        var story = await PublishCarryingStoryAsync(await app.ClientAsAsync(Role.Editor), $"mailcorpus{number}", input, publish: false);
        if (story is null) return;
        var published = await admin.SubmitAsync($"/newsroom/stories/{story.Id}", "form#story-form",
            new() { ["SendAsEmail"] = "true", ["NewsletterId"] = newsletter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, button: "action=publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(1, await app.SendNewslettersAsync());

        var message = (await app.Smtp.WaitForAsync(email, 2)).Last();
        // The subject is the headline on one line (a line break typed in it becomes a space).
        Assert.Equal(string.Join(' ', story.Headline.Split('\n', StringSplitOptions.RemoveEmptyEntries)), message.Subject);
        Assert.Equal("letters@quire.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Empty(message.Cc);
        Assert.Empty(message.Bcc);
        AssertSafeEmailHtml(message.HtmlBody ?? "", "newsletter HTML part");
        var text = (message.TextBody ?? "").Replace("\r\n", "\n");
        Assert.Contains(story.Headline, text);
        // The body is Markdown, where "&lt;" is itself a "<"; otherwise a "<" in the text part comes only from the input.
        if (!input.Contains('<') && !input.Contains('&')) Assert.DoesNotContain("<", text);
        foreach (var escape in new[] { "&lt;", "&gt;", "&amp;", "&quot;", "&#" })
            if (!input.Contains(escape, StringComparison.Ordinal)) Assert.DoesNotContain(escape, text);
    }
}
