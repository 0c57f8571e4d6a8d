using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>The rich story editor under the site's real Content-Security-Policy, typed into and pasted into as writers do.</summary>
public class StoryEditorBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static List<string> CspViolations(IPage page)
    {
        var seen = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) seen.Add(message.Text); };
        return seen;
    }

    [Fact]
    public async Task TheEditorRunsUnderTheSitesCsp_AndSpacesBesideBoldAndLinksArePlainSpaces()
    {
        var story = await app.StoryAsync($"Typed under CSP {Guid.NewGuid():N}"[..28], body: "Start.");
        var page = await app.SignedInAsync(Role.Editor, "Cyd Csp", bypassCsp: false);
        var violations = CspViolations(page);
        await page.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        var surface = page.Locator(".nr-rich__content");
        await surface.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(" Before ");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync("bold");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync(" after.");

        var markdown = await page.InputValueAsync("#f-body");
        Assert.Contains("Start. Before **bold** after.", markdown);
        Assert.DoesNotContain("&nbsp;", markdown);
        Assert.DoesNotContain('\u00a0', markdown);
        Assert.Empty(violations);
    }
}
