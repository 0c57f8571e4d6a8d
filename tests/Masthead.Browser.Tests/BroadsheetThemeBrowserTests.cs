
namespace Masthead.Browser.Tests;

/// <summary>The app with the repository's alternative theme, Broadsheet (themes/Broadsheet), in Chromium.</summary>
public sealed class BroadsheetBrowserApp : BrowserApp
{
    protected override string? Theme => "Broadsheet";
}

/// <summary>
/// Broadsheet keeps Masthead's guarantees in a real browser: its pages pass axe (WCAG 2.2 A/AA, contrast included) on a
/// phone and a desktop, are valid HTML as served, and its stylesheet is what the browser applies, under the site's CSP.
/// </summary>
public class BroadsheetThemeBrowserTests(BroadsheetBrowserApp app) : IClassFixture<BroadsheetBrowserApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival")]
    [InlineData("/culture")]
    public async Task ThemedPages_HaveNoAxeViolations_AndAreValidHtml(string path)
    {
        using var http = new HttpClient();
        await NuValidator.AssertValidAsync(await http.GetStringAsync(app.BaseAddress + path), $"{path} with Broadsheet, as served");
        foreach (var width in new[] { 390, 1280 })
        {
            // The pages' CSP forbids injected scripts, as it should; axe needs an exception.
            var page = await app.OpenAsync(path, width, bypassCsp: true);
            await Axe.AssertNoViolationsAsync(page, $"{path} with Broadsheet at {width}px");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task TheThemesStylesheet_AppliesUnderTheSitesOwnPolicy()
    {
        var page = await app.OpenAsync("/"); // the real CSP: the stylesheet is the site's own, so it is allowed
        Assert.Equal("rgb(244, 240, 230)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Equal("uppercase", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.masthead__name')).textTransform"));
        Assert.Equal("grid", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.bs-front')).display"));
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))");
        // Kept for people to look at (docs/screenshots/theme-broadsheet-home.png is one such shot).
        var shots = Environment.GetEnvironmentVariable("MASTHEAD_SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "theme-broadsheet-home-1280.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task OnAPhone_ListingCardsAreCompact_ASmallSquarePictureBesideTheWords()
    {
        var page = await app.OpenAsync("/culture", 390);
        // Every card with a picture below the lead: the picture a small square at the right, the headline to its left.
        var cards = await page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('.story-grid .bs-story')].filter(c => c.querySelector('.bs-story__image')).map(c => {
              const i = c.querySelector('.bs-story__image').getBoundingClientRect(), h = c.querySelector('.bs-story__headline').getBoundingClientRect();
              return [i.width, i.height, i.left, h.right];
            })
            """);
        Assert.NotEmpty(cards);
        Assert.All(cards, c =>
        {
            Assert.InRange(c[0], 90, 120);
            Assert.Equal(c[0], c[1], 1);
            Assert.True(c[2] >= c[3], $"the picture starts at {c[2]}px, left of the headline's end at {c[3]}px");
        });
        await page.CloseAsync();
    }
}
