using System.Text.Json;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>Runs axe-core (WCAG 2.2 A/AA and best practices) inside a page and fails with the violations it finds.</summary>
public static class Axe
{
    public static readonly string Script = Path.Combine(BrowserApp.RepositoryRoot, "tests", "Masthead.Browser.Tests", "node_modules", "axe-core", "axe.min.js");

    /// <remarks>The page's context must bypass CSP: Masthead's pages forbid injected scripts, as they should.</remarks>
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations is null, $"{what}: {violations}");
    }

    /// <summary>The violations on the page as JSON, or null when there are none.</summary>
    public static async Task<string?> ViolationsAsync(IPage page)
    {
        Assert.True(File.Exists(Script), $"axe-core is missing at {Script}: run ./test.sh (it runs npm ci).");
        await page.AddScriptTagAsync(new() { Path = Script });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                resultTypes: ['violations'],
            })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
            """);
        return violations.GetArrayLength() == 0 ? null : violations.ToString();
    }
}
