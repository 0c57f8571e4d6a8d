using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// axe-core in Chromium on the newsroom's management pages (sections, tags, authors, people, settings, tokens, Content API keys, webhooks,
/// audit log, story history with a comparison), and on a form showing its errors, at 390 px and 1280 px. The
/// browser signs in through the sign-in form as an admin the test makes through the app's own services.
/// </summary>
public class NewsroomAccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task ManagementPages_HaveNoAxeViolations(int width)
    {
        // The People page's invitation, with no mail server set up, is logged for the operator with its link.
        app.ExpectLog("No SMTP server is configured, so this link was not emailed");
        var story = await app.StoryAsync($"A story with history at {width}", body: "First line.\n\nSecond line.");
        await app.UseAsync<SaveArticle, Article>(async s => (await s.UpdateAsync(story.Id,
            new ArticleInput { Headline = $"A story with a history at {width}", Body = "First line, changed.\n\nSecond line.\n\nThird line." }, null, Editor.System, CancellationToken.None)).Value!);
        var (section, tag, author) = app.WithDb(db => (db.Sections.First(s => s.Path == "news/uk").Id, db.Tags.First().Id, db.Authors.First().Id));

        // A pinned story, so the front-pages page shows its list and controls.
        var lead = app.WithDb(db => db.Articles.First(a => a.Status == ArticleStatus.Published).Id);
        await app.UseAsync<Masthead.Core.Curation.FrontPagePins, int>(async p =>
        {
            if ((await p.ListAsync(null, CancellationToken.None)).Count == 0) await p.PinAsync(lead, null, Editor.System, CancellationToken.None);
            return 0;
        });
        // A newsletter and a member, so their pages show their tables and details.
        await app.UseAsync<Masthead.Core.Newsletters.NewsletterDesk, int>(async d => (await d.SaveAsync(null,
            new Masthead.Core.Newsletters.NewsletterInput($"Axe letter {width}", "Now and then.", null, "letters@quire.example", null, true, []),
            Editor.System, CancellationToken.None)).Value!.Id);
        await app.UseAsync<Masthead.Core.Members.MemberAccounts, Masthead.Core.Members.MemberLink>(a =>
            a.SignUpAsync($"axe-{width}@test.example", null, "sign-up form", CancellationToken.None));
        var member = app.WithDb(db => db.Members.First(m => m.Email == $"axe-{width}@test.example").Id);
        // A label, so the member's page shows its list with a remove button.
        await app.UseAsync<Masthead.Core.Members.MemberLabels, Masthead.Core.Common.Result<Masthead.Core.Members.MemberLabel>>(l =>
            l.AddAsync(member, "Axe label", Editor.System, CancellationToken.None));
        var page = await app.SignedInAsync(Role.Admin, $"Axe Admin {width}", width);
        await using var context = page.Context;

        var failures = new List<string>();
        string[] paths =
        [
            "/newsroom/sections", $"/newsroom/sections/{section}", "/newsroom/sections/new",
            "/newsroom/tags", $"/newsroom/tags/{tag}",
            "/newsroom/authors", $"/newsroom/authors/{author}", "/newsroom/authors/new",
            "/newsroom/people", "/newsroom/settings", "/newsroom/settings/tokens", "/newsroom/settings/content-keys", "/newsroom/settings/webhooks", "/newsroom/import",
            "/newsroom/audit",
            $"/newsroom/stories/{story.Id}/history",
            "/newsroom/front-pages", "/newsroom/front-pages?at=culture", "/newsroom/stories?q=pride", "/newsroom/account",
            "/newsroom/newsletters", "/newsroom/members", $"/newsroom/members/{member}", "/newsroom/members/import", "/newsroom/digests",
        ];
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(app.BaseAddress + path);
            Assert.Equal(200, response!.Status);
            await CheckAsync(page, path, width, failures);
        }

        // A form refused with its error summary and messages next to the fields.
        await page.GotoAsync(app.BaseAddress + $"/newsroom/sections/{section}");
        await page.FillAsync("#f-slug", "Not A Slug!");
        await page.ClickAsync("#section-form button[type=submit]");
        await page.WaitForSelectorAsync("#error-summary");
        await CheckAsync(page, "section form with an error", width, failures);

        // The page that shows an invitation link once.
        await page.GotoAsync(app.BaseAddress + "/newsroom/people");
        await page.FillAsync("#f-invite-email", $"axe-{width}@example.org");
        await page.ClickAsync("#invite-form button[type=submit]");
        await page.WaitForSelectorAsync("#invitation-link");
        await CheckAsync(page, "people with an invitation link", width, failures);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task CheckAsync(IPage page, string what, int width, List<string> failures)
    {
        if (await Axe.ViolationsAsync(page) is { } violations) failures.Add($"{what} at {width}px: {violations}");
    }
}
