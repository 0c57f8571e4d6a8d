using System.Buffers.Binary;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// Renders every kind of public page at phone and desktop widths in Chromium and checks the layout holds
/// (nothing wider than the screen). With MASTHEAD_SCREENSHOTS_DIR set (eng/screenshots.sh), the PNGs are kept there.
/// </summary>
public class ScreenshotTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string Folder() => Environment.GetEnvironmentVariable("MASTHEAD_SCREENSHOTS_DIR") is { Length: > 0 } kept
        ? Directory.CreateDirectory(kept).FullName
        : Directory.CreateTempSubdirectory("masthead-shots-").FullName;

    private static async Task<string> ShootAsync(IPage page, string folder, string name, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide in a {width}px window");
        // Load the lazy pictures too, so the screenshot shows the whole page as a reader scrolling it would.
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))");
        var file = Path.Combine(folder, $"{name}-{width}.png");
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true, Clip = new() { X = 0, Y = 0, Width = width, Height = Math.Min(height, 2600) } });
        var header = new byte[24];
        await using (var stream = File.OpenRead(file)) await stream.ReadExactlyAsync(header);
        Assert.Equal(0x89, header[0]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)));
        return file;
    }

    /// <summary>The newsroom as an editor sees it: the dashboard, the story editor on a story using every block, and a story waiting for review.</summary>
    [Fact]
    public async Task NewsroomScreens_RenderWithoutHorizontalOverflow_AtPhoneAndDesktopWidths()
    {
        var folder = Folder();
        var (everyBlock, inReview) = app.WithDb(db => (
            db.Articles.Where(a => a.BodyMarkdown.Contains(":::embed") && a.BodyMarkdown.Contains(":::figure") && a.BodyMarkdown.Contains(":::pullquote")).OrderBy(a => a.Id).First().Id,
            db.Articles.Where(a => a.Status == ArticleStatus.InReview).OrderBy(a => a.Id).First().Id));
        var pending = await PendingChangesInReviewAsync();
        foreach (var width in new[] { 390, 1280 })
        {
            var page = await app.SignedInAsync(Role.Editor, $"Screenshot Editor {width}", width, width < 600 ? 844 : 900);
            await ShootAsync(page, folder, "newsroom-dashboard", width);
            await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{everyBlock}");
            await page.Locator(".ProseMirror .nr-rich-block--embed").First.WaitForAsync();
            await ShootAsync(page, folder, "newsroom-editor", width);
            await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{inReview}");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeVisibleAsync();
            await ShootAsync(page, folder, "newsroom-review", width);
            await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{pending}");
            await Assertions.Expect(page.Locator("#pending-diff")).ToBeVisibleAsync();
            await ShootAsync(page, folder, "newsroom-pending-changes", width);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A published demo-like story whose writer sent a rewritten standfirst and paragraph for review.</summary>
    private async Task<int> PendingChangesInReviewAsync()
    {
        var story = await app.StoryAsync("The last night at the Lantern Club", body: "The doors opened at nine.\n\nBy midnight the queue reached the canal.");
        await app.PublishAsync(story.Id);
        await app.UseAsync<SaveArticle, Article>(async s => (await s.UpdateAsync(story.Id, new ArticleInput
        {
            Standfirst = "Regulars said goodbye to the club that hosted their first drag night, twenty years on.",
            Body = "The doors opened at nine, as they had every Friday since 2006.\n\nBy midnight the queue reached the canal.",
        }, null, Editor.System, CancellationToken.None, EditMode.WorkingCopyOnly)).Value!);
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, Editor.System, CancellationToken.None)).Value!);
        return story.Id;
    }

    [Fact]
    public async Task EveryPageType_RendersWithoutHorizontalOverflow_AtPhoneAndDesktopWidths()
    {
        var folder = Folder();
        foreach (var (name, path) in PublicPages.All)
        {
            foreach (var width in new[] { 390, 1280 })
            {
                var page = await app.OpenAsync(path, width, width < 600 ? 844 : 900);
                // Every image in view has loaded (no broken pictures).
                var broken = await page.EvaluateAsync<string[]>("() => [...document.images].filter(i => i.complete && i.loading !== 'lazy' && i.naturalWidth === 0).map(i => i.src)");
                Assert.Empty(broken);
                await ShootAsync(page, folder, name, width);
                await page.CloseAsync();
            }
        }
    }
}
