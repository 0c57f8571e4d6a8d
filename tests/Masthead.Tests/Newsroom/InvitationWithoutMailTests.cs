using AngleSharp.Dom;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>Without a mail server the People page says so, and offers the link to copy, rather than claiming it was sent.</summary>
public class InvitationWithoutMailTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task WithoutSmtp_TheInvitationSaysItWasNotEmailed_AndOffersTheLinkToCopy()
    {
        app.ExpectLog("No SMTP server is configured, so this link was not emailed"); // what an operator without mail is told, with the link
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var page = await Html.ParseAsync(await admin.SubmitAsync("/newsroom/people", "#invite-form", new() { ["InviteEmail"] = "no-mail@example.org", ["InviteRole"] = "Author" }));
        var notice = page.QuerySelector("[role=status]")!.Text();
        Assert.Contains("was not emailed (no mail server is set up)", notice);
        Assert.Contains("copy the link below", notice);
        Assert.DoesNotContain("emailed to", notice);
        Assert.Contains("it was not emailed", page.QuerySelector("label[for=invitation-link]")!.Text());
        Assert.StartsWith("https://quire.example/newsroom/invitation?token=", page.QuerySelector("#invitation-link")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("button[data-copy=invitation-link]"));
        Assert.NotNull(page.QuerySelector("script[src^='/newsroom/copy-link.js']"));
    }
}
