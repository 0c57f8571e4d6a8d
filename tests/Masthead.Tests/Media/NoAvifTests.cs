using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Media;

/// <summary>Without AVIF (switched off, or a libvips that cannot write it) pages offer WebP and JPEG only, and .avif is not served.</summary>
public class NoAvifTests(NoAvifAppFactory app) : IClassFixture<NoAvifAppFactory>
{
    [Fact]
    public async Task Pictures_AreServedWithoutAvif()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var media = await editor.UploadAsync(TestImages.Jpeg(800, 450), "plain.jpg", alt: "Bands");
        var size = media["sizes"]![0]!;
        Assert.Null(size["avif"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(size["webp"]!.GetValue<string>().Replace(".webp", ".avif"))).StatusCode);
        var key = media["url"]!.GetValue<string>().Split('/')[2];
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "media", key), "*.avif"));

        await editor.PostJsonAsync("/api/admin/sections", new { name = "Plain", slug = "plain" }, 201);
        await editor.PostJsonAsync("/api/admin/authors", new { name = "Plain Writer", slug = "plain-writer" }, 201);
        var article = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "No AVIF here",
            standfirst = "WebP and JPEG only.",
            section = "plain",
            bylines = new[] { "plain-writer" },
            heroImage = new { mediaId = media["id"]!.GetValue<int>(), credit = "Plain Writer" },
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{article["id"]}/publish", new { }, 200);
        var doc = await app.Reader().GetPageAsync(article["url"]!.GetValue<string>());
        var types = doc.QuerySelectorAll("figure.article__hero picture source").Select(s => s.GetAttribute("type")).ToList();
        Assert.Equal(["image/webp"], types);
        Assert.Equal("Bands", doc.QuerySelector("figure.article__hero img")!.GetAttribute("alt"));
    }
}
