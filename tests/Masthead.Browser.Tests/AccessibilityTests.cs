namespace Masthead.Browser.Tests;

/// <summary>axe-core, run inside Chromium, finds no WCAG 2.2 A/AA violation on any kind of public page, on a phone or a desktop.</summary>
public class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [MemberData(nameof(PublicPages.Paths), MemberType = typeof(PublicPages))]
    public async Task PublicPage_HasNoAxeViolations(string path)
    {
        foreach (var width in new[] { 390, 1280 })
        {
            // The pages' CSP forbids injected scripts, as it should; axe needs an exception.
            var page = await app.OpenAsync(path, width, bypassCsp: true);
            await Axe.AssertNoViolationsAsync(page, $"{path} at {width}px");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task SkipLink_MovesFocusToMainContent()
    {
        var page = await app.OpenAsync(PublicPages.All[3].Path);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.CloseAsync();
    }
}
