using Masthead.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>The newsroom in a real browser: accessible on every page, and the whole life of a story from draft to published.</summary>
public class NewsroomTests(BrowserApp app) : IClassFixture<BrowserApp>
{

    private Task<IPage> SignedInAsync(Role role, string name, int width = 1280) => app.SignedInAsync(role, name, width);

    /// <summary>Types at the end of the story in the rich-text editor.</summary>
    private static async Task TypeInStoryAsync(IPage page, string text)
    {
        // The caret goes to the end through the editor itself: a click, or Ctrl+End, can land in a picture's fields.
        await page.Locator(".ProseMirror").WaitForAsync();
        await page.EvaluateAsync("() => window.MastheadEditor.current.commands.focus('end')");
        await Assertions.Expect(page.Locator(".ProseMirror")).ToBeFocusedAsync(); // TipTap focuses on the next frame
        await page.Keyboard.TypeAsync(text);
    }

    private static ILocator Toolbar(IPage page, string button) =>
        page.GetByRole(AriaRole.Toolbar, new() { Name = "Formatting" }).GetByRole(AriaRole.Button, new() { Name = button, Exact = true });

    private static Task<string> StoredBodyAsync(IPage page) => page.Locator("#f-body").InputValueAsync();

    private static byte[] Photo() => NetVips.Image.Black(800, 500, bands: 3).Linear(new double[] { 1, 1, 1 }, new double[] { 40, 120, 200 }).Cast(NetVips.Enums.BandFormat.Uchar).WriteToBuffer(".jpg");

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
        // The story is written in the rich-text editor: text, a picture uploaded from the toolbar, an embedded post.
        await TypeInStoryAsync(contributor, "The flyers arrived in six removal boxes.");
        await Toolbar(contributor, "Picture").ClickAsync();
        await Assertions.Expect(contributor.Locator("#nr-picker-status")).ToContainTextAsync("newest first");
        await Axe.AssertNoViolationsAsync(contributor, "the story editor with the picture picker open");
        var chooser = await contributor.RunAndWaitForFileChooserAsync(() =>
            contributor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Upload a new picture" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "flyers.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        var figure = contributor.Locator(".nr-rich-block--figure");
        await figure.WaitForAsync();
        // The new picture takes the focus into its alt text, and keeps it: nothing typed there goes astray.
        await Assertions.Expect(figure.GetByLabel("Alt text")).ToBeFocusedAsync();
        await figure.GetByLabel("Alt text").FillAsync("Paper flyers fanned out on a library table.");
        await figure.GetByLabel("Caption").FillAsync("Flyers from the 1990s, waiting to be scanned.");
        await figure.GetByLabel("Credit").FillAsync("Quire staff");
        await Toolbar(contributor, "Embed").ClickAsync();
        var dialog = contributor.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Address of the post or video").FillAsync("https://bsky.app/profile/quire.example/post/3abc");
        await dialog.GetByLabel("Text of the post (shown on the card)").FillAsync("Six boxes, forty years, one weekend.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await contributor.Locator(".nr-rich-block--embed").WaitForAsync();
        await Assertions.Expect(contributor.Locator(".nr-rich-block--embed").GetByLabel("Address")).ToBeFocusedAsync();

        // A file that is not a picture is refused with a reason, and nothing typed is lost.
        var before = await StoredBodyAsync(contributor);
        await Toolbar(contributor, "Picture").ClickAsync();
        chooser = await contributor.RunAndWaitForFileChooserAsync(() =>
            contributor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Upload a new picture" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "not a picture at all"u8.ToArray() });
        var status = contributor.Locator(".nr-rich__status");
        await Assertions.Expect(status).ToContainTextAsync("was not uploaded");
        Assert.Equal(before, await StoredBodyAsync(contributor));

        var stored = await StoredBodyAsync(contributor);
        Assert.Contains("The flyers arrived in six removal boxes.", stored);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(stored, @":::figure\n!\[Paper flyers fanned out on a library table\.\]\(/media/[a-z0-9]{16}/[0-9]+\.jpg\)\nFlyers from the 1990s, waiting to be scanned\.\nCredit: Quire staff\n:::"), stored);
        Assert.Contains(":::embed https://bsky.app/profile/quire.example/post/3abc\nSix boxes, forty years, one weekend.\n:::", stored);

        // The hero is chosen from the media library: the picture uploaded a moment ago, found by its file name.
        var heroUrl = System.Text.RegularExpressions.Regex.Match(stored, @"/media/[a-z0-9]{16}/[0-9]+\.jpg").Value;
        await contributor.Locator("#f-hero-alt").FillAsync("Boxes of paper flyers stacked on a library table.");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Choose from the library" }).ClickAsync();
        var picker = contributor.GetByRole(AriaRole.Dialog);
        await picker.GetByLabel("Find by name, alt text, caption or credit").FillAsync("flyers.jpg");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(picker.Locator(".nr-picker__item")).ToHaveCountAsync(1);
        await picker.Locator(".nr-picker__item").ClickAsync();
        await Assertions.Expect(contributor.Locator("#f-hero-url")).ToHaveValueAsync(heroUrl);
        // What the writer typed is kept (the library's copy of this picture has no description yet).
        Assert.Equal("Boxes of paper flyers stacked on a library table.", await contributor.Locator("#f-hero-alt").InputValueAsync());
        await contributor.Locator("#f-hero-credit").FillAsync("Quire staff");
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
        await TypeInStoryAsync(contributor, "\nWe will keep every last one.");
        await Toolbar(contributor, "Quote").ClickAsync();
        await Toolbar(contributor, "Source").ClickAsync();
        await Assertions.Expect(contributor.Locator(".ProseMirror")).ToBeFocusedAsync(); // the toolbar hands focus back on the next frame
        await contributor.Keyboard.TypeAsync("Ama Boateng, archivist");
        var quoted = await StoredBodyAsync(contributor);
        Assert.True(quoted.Contains("> We will keep every last one.\n>\n> — Ama Boateng, archivist"), quoted);
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
        Assert.Equal("Ama Boateng, archivist", (await reader.Locator(".article__body figure.quote figcaption").TextContentAsync())!.TrimStart('—', ' ').Trim());
        Assert.Equal("Paper flyers fanned out on a library table.", await reader.Locator(".article__body figure.figure img").GetAttributeAsync("alt"));
        // The hero is the library picture in every size and format, with its dimensions set.
        var hero = reader.Locator(".article__hero picture");
        Assert.True(await hero.Locator("source[type='image/avif'], source[type='image/webp']").CountAsync() >= 1, "the hero has no AVIF or WebP sources");
        Assert.NotNull(await hero.Locator("img").GetAttributeAsync("width"));
        Assert.Contains("640w", await hero.Locator("source").First.GetAttributeAsync("srcset") ?? "");
        await reader.CloseAsync();
        await contributor.Context.CloseAsync();
        await editor.Context.CloseAsync();
    }
}
