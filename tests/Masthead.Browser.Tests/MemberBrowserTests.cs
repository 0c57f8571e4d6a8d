using Masthead.Core.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>A reader joins from the footer of a story, confirms, uses the account page and deletes the account, in Chromium; axe finds nothing on the way.</summary>
public class MemberBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_reader_signs_up_confirms_and_deletes_their_account()
    {
        // With no mail server set up, the confirmation link is logged for the operator instead of sent.
        app.ExpectLog("No SMTP server is configured, so this member link was not emailed");
        var email = $"reader-{Guid.NewGuid():N}@test.example";
        var page = await app.OpenAsync(PublicPages.All[3].Path, bypassCsp: true);
        // The real browser sends Sec-Fetch-Site: same-origin, which the sign-up check lets through.
        await page.Locator("#article-signup-email").FillAsync(email);
        await page.Locator(".signup-box--article button").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the sign-up answer");

        // No mail server here: the confirmation link is made the way the mail would carry it, once the first one exists.
        var memberId = 0;
        for (var tries = 0; memberId == 0 || !app.WithDb(db => db.MemberTokens.Any(t => t.MemberId == memberId)); tries++)
        {
            Assert.True(tries < 600, "The sign-up was not handled.");
            memberId = app.WithDb(db => db.Members.Where(m => m.Email == email).Select(m => m.Id).FirstOrDefault());
            await Task.Delay(50);
        }
        var link = await app.UseAsync<MemberAccounts, MemberLink>(a => a.SignUpAsync(email, null, "sign-up form", CancellationToken.None));
        await page.GotoAsync($"{app.BaseAddress}/members/confirm?token={Uri.EscapeDataString(link.Secret)}");
        await Axe.AssertNoViolationsAsync(page, "the confirmation page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(MemberStatus.Active, app.WithDb(db => db.Members.Single(m => m.Id == memberId).Status));
        await Axe.AssertNoViolationsAsync(page, "the account page");

        await page.GetByLabel("Your name").FillAsync("Ottoline Marsh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        Assert.Equal("Ottoline Marsh", app.WithDb(db => db.Members.Single(m => m.Id == memberId).Name));

        await page.GetByLabel("Yes, delete my account").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the deletion answer");
        var row = app.WithDb(db => db.Members.AsNoTracking().Single(m => m.Id == memberId));
        Assert.Equal(MemberStatus.Deleted, row.Status);
        Assert.Null(row.Email);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_members_only_story_shows_its_teaser_then_the_whole_story_to_a_member_and_axe_finds_nothing()
    {
        var story = await app.UseAsync<Masthead.Core.Articles.SaveArticle, Masthead.Core.Articles.Article>(async save => (await save.CreateAsync(new()
        {
            Headline = "The lamplighters' last round", Standfirst = "Who keeps the gas lamps of the old town burning.", Section = "culture/film-tv",
            Bylines = ["wren-ashdown"], Access = "members",
            Body = "The first round starts at dusk.\n\nEvery lamp has a name.\n\n## After midnight\n\nOnly members read how the round ends.",
        }, Masthead.Core.Accounts.Editor.System, CancellationToken.None)).Value!);
        await app.PublishAsync(story.Id);
        var path = $"/culture/film-tv/{story.Slug}";

        var page = await app.OpenAsync(path, 390, bypassCsp: true);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The rest of this story is for members" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".members-only").CountAsync());
        await Axe.AssertNoViolationsAsync(page, "the members-only teaser");

        var email = $"reader-{Guid.NewGuid():N}@test.example";
        var link = await app.UseAsync<MemberAccounts, MemberLink>(a => a.SignUpAsync(email, null, "sign-up form", CancellationToken.None));
        await page.GotoAsync($"{app.BaseAddress}/members/confirm?token={Uri.EscapeDataString(link.Secret)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync(app.BaseAddress + path);
        await Assertions.Expect(page.Locator(".members-only")).ToContainTextAsync("Only members read how the round ends.");
        await Axe.AssertNoViolationsAsync(page, "the members-only story, read by a member");
        await page.CloseAsync();
    }
}
