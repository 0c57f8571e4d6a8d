using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// axe-core in Chromium on the newsroom's management pages (sections, tags, authors, people, settings, tokens, Content API keys, webhooks,
/// audit log, story history with a comparison), and on a form showing its errors, at 390 px and 1280 px. The
/// browser signs in through the sign-in form as an admin the test makes through the app's own services.
/// </summary>
public class NewsroomAccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string AxeScript = Path.Combine(BrowserApp.RepositoryRoot, "tests", "Masthead.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task ManagementPages_HaveNoAxeViolations(int width)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: run ./test.sh (it runs npm ci).");
        var email = await app.NewUserAsync(Role.Admin, $"Axe Admin {width}");
        var story = await app.StoryAsync($"A story with history at {width}", body: "First line.\n\nSecond line.");
        await app.UseAsync<SaveArticle, Article>(async s => (await s.UpdateAsync(story.Id,
            new ArticleInput { Headline = $"A story with a history at {width}", Body = "First line, changed.\n\nSecond line.\n\nThird line." }, null, Editor.System, CancellationToken.None)).Value!);
        var (section, tag, author) = app.WithDb(db => (db.Sections.First(s => s.Path == "news/uk").Id, db.Tags.First().Id, db.Authors.First().Id));

        await using var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + "/newsroom/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", MastheadAppFactory.TestPassword);
        await page.ClickAsync("form.nr-form button[type=submit]");
        await page.WaitForURLAsync(app.BaseAddress + "/newsroom");

        var failures = new List<string>();
        string[] paths =
        [
            "/newsroom/sections", $"/newsroom/sections/{section}", "/newsroom/sections/new",
            "/newsroom/tags", $"/newsroom/tags/{tag}",
            "/newsroom/authors", $"/newsroom/authors/{author}", "/newsroom/authors/new",
            "/newsroom/people", "/newsroom/settings", "/newsroom/settings/tokens", "/newsroom/settings/content-keys", "/newsroom/settings/webhooks",
            "/newsroom/audit",
            $"/newsroom/stories/{story.Id}/history",
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
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                resultTypes: ['violations'],
            })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
            """);
        if (violations.GetArrayLength() > 0) failures.Add($"{what} at {width}px: {violations}");
    }
}
