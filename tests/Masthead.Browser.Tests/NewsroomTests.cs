using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>The newsroom in a real browser: accessible on every page, and the whole life of a story from draft to published.</summary>
public class NewsroomTests(BrowserApp app) : IClassFixture<BrowserApp>
{

    private async Task<IPage> SignedInAsync(Role role, string name, int width = 1280)
    {
        var email = await app.NewUserAsync(role, name);
        var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + "/newsroom/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(MastheadAppFactory.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/newsroom");
        return page;
    }

    /// <summary>Types into the story body, whether the rich editor is mounted or the plain Markdown textarea is showing.</summary>
    private static async Task WriteBodyAsync(IPage page, string text)
    {
        var rich = page.Locator(".ProseMirror");
        if (await rich.CountAsync() > 0 && await rich.First.IsVisibleAsync())
        {
            await rich.First.ClickAsync();
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync(text);
        }
        else
        {
            var body = page.Locator("#f-body");
            await body.FillAsync((await body.InputValueAsync()) + text);
        }
    }

    [Fact]
    public async Task NewsroomPages_HaveNoAxeViolations()
    {
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await SignedInAsync(Role.Admin, $"Axe Admin {width}", width);
            foreach (var path in new[] { "/newsroom", "/newsroom/stories", "/newsroom/stories/new", "/newsroom/stories/1", "/newsroom/stories/1/preview", "/newsroom/media", "/newsroom/media/1" })
            {
                await page.GotoAsync(app.BaseAddress + path);
                await Axe.AssertNoViolationsAsync(page, $"{path} at {width}px");
            }
            await page.Context.CloseAsync();
        }
        var anonymous = await app.Browser.NewPageAsync(new() { BypassCSP = true });
        foreach (var path in new[] { "/newsroom/sign-in", "/newsroom/forgot-password", "/newsroom/reset-password?token=x" })
        {
            await anonymous.GotoAsync(app.BaseAddress + path);
            await Axe.AssertNoViolationsAsync(anonymous, path);
        }
        await anonymous.CloseAsync();
    }

    [Fact]
    public async Task AStory_FromContributorDraft_ThroughReview_ToScheduledPublication()
    {
        var headline = $"Night bus to the archive {Guid.NewGuid():N}"[..33];
        var contributor = await SignedInAsync(Role.Contributor, "Cass Contributor");
        await contributor.GotoAsync(app.BaseAddress + "/newsroom/stories/new");
        await contributor.GetByLabel("Headline").FillAsync(headline);
        await contributor.GetByLabel("Section", new() { Exact = true }).SelectOptionAsync("culture");
        await contributor.GetByLabel("Standfirst").FillAsync("Volunteers are digitising forty years of flyers before the building closes.");
        await WriteBodyAsync(contributor, "The flyers arrived in six removal boxes.\n\n:::embed https://bsky.app/profile/quire.example/post/3abc\n:::\n");
        await contributor.GetByLabel("Image address").FillAsync("/media/demo/the-helpline-tapes-that-became-the-film-of-the-festival.jpg");
        await contributor.GetByLabel("Alt text").FillAsync("Boxes of paper flyers stacked on a library table.");
        await contributor.GetByLabel("Credit", new() { Exact = true }).FillAsync("Quire staff");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await contributor.WaitForURLAsync("**/newsroom/stories/*?saved=*");
        var storyUrl = contributor.Url.Split('?')[0];

        // A contributor has no way to publish, and submits for review instead.
        Assert.Equal(0, await contributor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).CountAsync());
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await contributor.WaitForURLAsync("**saved=*");
        Assert.Equal("In review", (await contributor.Locator(".nr-heading .nr-status").TextContentAsync())!.Trim());

        // The editor sends it back with a comment.
        var editor = await SignedInAsync(Role.Editor, "Eddie Editor");
        await editor.GotoAsync(storyUrl);
        await editor.GetByLabel("Comment for the writer").FillAsync("Who runs the archive? Add a quote from them.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
        await editor.WaitForURLAsync("**saved=*");

        // The contributor sees the comment, fixes the story and resubmits.
        await contributor.GotoAsync(storyUrl);
        Assert.Contains("Add a quote from them.", await contributor.Locator(".nr-activity").TextContentAsync());
        await WriteBodyAsync(contributor, "\n\n> We will keep every last one.\n> — Ama Boateng, archivist\n");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await contributor.WaitForURLAsync("**saved=*");

        // The editor approves and schedules it for later today.
        await editor.GotoAsync(storyUrl);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await editor.WaitForURLAsync("**saved=*");
        var zone = (await app.Services.GetRequiredService<Masthead.Web.PublicSite.SiteContext>().GetAsync()).TimeZone;
        var at = TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime.AddHours(2), zone);
        await editor.Locator("#f-schedule").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm"));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await editor.WaitForURLAsync("**saved=*");
        Assert.Equal("Scheduled", (await editor.Locator(".nr-heading .nr-status").TextContentAsync())!.Trim());

        var slug = app.WithDb(db => db.Articles.Single(a => a.Headline == headline).Slug);
        var reader = await app.Browser.NewPageAsync();
        var early = await reader.GotoAsync($"{app.BaseAddress}/culture/{slug}");
        Assert.Equal(404, early!.Status);

        // Its time comes.
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await app.PublishDueAsync();
        var live = await reader.GotoAsync($"{app.BaseAddress}/culture/{slug}");
        Assert.Equal(200, live!.Status);
        Assert.Equal(headline, (await reader.Locator("h1").TextContentAsync())!.Trim());
        Assert.Contains("We will keep every last one.", await reader.Locator(".article__body").TextContentAsync());
        Assert.Equal(1, await reader.Locator(".article__body .embed").CountAsync());
        await reader.CloseAsync();
        await contributor.Context.CloseAsync();
        await editor.Context.CloseAsync();
    }
}
