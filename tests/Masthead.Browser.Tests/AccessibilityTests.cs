using System.Text.Json;

namespace Masthead.Browser.Tests;

/// <summary>axe-core, run inside Chromium, finds no WCAG 2.2 A/AA violation on any kind of public page, on a phone or a desktop.</summary>
public class AccessibilityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string AxeScript = Path.Combine(BrowserApp.RepositoryRoot, "tests", "Masthead.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    [Theory]
    [MemberData(nameof(PublicPages.Paths), MemberType = typeof(PublicPages))]
    public async Task PublicPage_HasNoAxeViolations(string path)
    {
        Assert.True(File.Exists(AxeScript), $"axe-core is missing at {AxeScript}: run ./test.sh (it runs npm ci).");
        foreach (var width in new[] { 390, 1280 })
        {
            // The pages' CSP forbids injected scripts, as it should; axe needs an exception.
            var page = await app.OpenAsync(path, width, bypassCsp: true);
            await page.AddScriptTagAsync(new() { Path = AxeScript });
            var violations = await page.EvaluateAsync<JsonElement>("""
                async () => (await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                    resultTypes: ['violations'],
                })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
                """);
            await page.CloseAsync();
            Assert.True(violations.GetArrayLength() == 0, $"{path} at {width}px: {violations}");
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
