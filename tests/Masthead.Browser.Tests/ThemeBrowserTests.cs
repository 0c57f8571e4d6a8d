using Masthead.Core.Accounts;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>Theme settings in the browser: colours under WCAG AA refused on the page, and a themed site that stays axe-clean.</summary>
public class ThemeBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ColoursUnderAA_AreRefusedOnThePage_AndAThemedHomeIsAxeClean()
    {
        var admin = await app.SignedInAsync(Role.Admin, "Thea Theme");
        await admin.GotoAsync($"{app.BaseAddress}/newsroom/settings");
        await admin.GetByLabel("Accent colour", new() { Exact = true }).FillAsync("#f5b800");
        await admin.GetByLabel("Background colour", new() { Exact = true }).FillAsync("#ffffff");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        var error = admin.Locator("#err-accentColor");
        await Assertions.Expect(error).ToContainTextAsync("(#f5b800 on #ffffff) have a contrast of 1.7:1; WCAG AA needs at least 4.5:1");
        await Assertions.Expect(admin.GetByLabel("Accent colour", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertNoViolationsAsync(admin, "the settings page refusing colours");

        await admin.GetByLabel("Accent colour", new() { Exact = true }).FillAsync("#0b5e3c");
        await admin.GetByLabel("Text on the accent colour").FillAsync("#ffffff");
        await admin.GetByLabel("Background colour", new() { Exact = true }).FillAsync("#f7f5ee");
        await admin.GetByLabel("Bookish: a sturdy text serif with a humanist sans").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await admin.WaitForURLAsync("**/newsroom/settings?done=saved");
        await admin.Context.CloseAsync();

        var home = await app.OpenAsync("/", bypassCsp: true); // axe is injected
        Assert.Equal("rgb(247, 245, 238)", await home.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Contains("Charter", await home.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        await Axe.AssertNoViolationsAsync(home, "the home page with a custom theme");
        await home.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))");
        // Kept for people to look at (docs/screenshots/themed-home-1280.png is one such shot).
        var shots = Environment.GetEnvironmentVariable("MASTHEAD_SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();
        await home.ScreenshotAsync(new() { Path = Path.Combine(shots, "themed-home-1280.png") });
        await home.CloseAsync();
    }
}
