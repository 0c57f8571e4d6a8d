using System.Buffers.Binary;

namespace Masthead.Browser.Tests;

/// <summary>
/// Renders every kind of public page at phone and desktop widths in Chromium and checks the layout holds
/// (nothing wider than the screen). With MASTHEAD_SCREENSHOTS_DIR set (eng/screenshots.sh), the PNGs are kept there.
/// </summary>
public class ScreenshotTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task EveryPageType_RendersWithoutHorizontalOverflow_AtPhoneAndDesktopWidths()
    {
        var folder = Environment.GetEnvironmentVariable("MASTHEAD_SCREENSHOTS_DIR") is { Length: > 0 } kept
            ? Directory.CreateDirectory(kept).FullName
            : Directory.CreateTempSubdirectory("masthead-shots-").FullName;
        foreach (var (name, path) in PublicPages.All)
        {
            foreach (var width in new[] { 390, 1280 })
            {
                var page = await app.OpenAsync(path, width, width < 600 ? 844 : 900);
                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(scrollWidth <= width, $"{path} is {scrollWidth}px wide in a {width}px window");
                // Every image in view has loaded (no broken pictures).
                var broken = await page.EvaluateAsync<string[]>("() => [...document.images].filter(i => i.complete && i.loading !== 'lazy' && i.naturalWidth === 0).map(i => i.src)");
                Assert.Empty(broken);

                // Load the lazy pictures too, so the screenshot shows the whole page as a reader scrolling it would.
                await page.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))");
                var file = Path.Combine(folder, $"{name}-{width}.png");
                var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
                await page.ScreenshotAsync(new() { Path = file, FullPage = true, Clip = new() { X = 0, Y = 0, Width = width, Height = Math.Min(height, 2600) } });
                await page.CloseAsync();

                var header = new byte[24];
                await using (var stream = File.OpenRead(file)) await stream.ReadExactlyAsync(header);
                Assert.Equal(0x89, header[0]);
                Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)));
            }
        }
    }
}
