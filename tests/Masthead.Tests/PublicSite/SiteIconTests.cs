using System.Net;
using System.Text.Json.Nodes;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>Every page's icons and the web app manifest exist (browsers asked for /favicon.ico and got 404).</summary>
public class SiteIconTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    [Fact]
    public async Task TheFaviconAndAppIcons_ArePicturesOfTheirSize_AndEveryPageLinksThem()
    {
        foreach (var (path, size) in new[] { ("/favicon.ico", 48), ("/apple-touch-icon.png", 180), ("/icon-192.png", 192), ("/icon-512.png", 512) })
        {
            var response = await app.Reader().GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal((size, size), PngSize(await response.Content.ReadAsByteArrayAsync()));
        }
        var svg = await app.Reader().GetAsync("/favicon.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains(">Q</text>", await svg.Content.ReadAsStringAsync()); // "The Quire": its Q, not the T of "The"

        var home = await app.Reader().GetPageAsync("/");
        Assert.Equal("/favicon.svg", home.QuerySelector("link[rel=icon][type='image/svg+xml']")!.GetAttribute("href"));
        Assert.Equal("/site.webmanifest", home.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
        Assert.NotNull(home.QuerySelector("link[rel=apple-touch-icon]"));
    }

    [Fact]
    public async Task TheManifest_NamesThePublication_AndItsIconsExist()
    {
        var response = await app.Reader().GetAsync("/site.webmanifest");
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType!.MediaType);
        var manifest = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The Quire", manifest["name"]!.GetValue<string>());
        Assert.Equal("/", manifest["start_url"]!.GetValue<string>());
        foreach (var icon in manifest["icons"]!.AsArray())
            Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(icon!["src"]!.GetValue<string>())).StatusCode);
    }
}
