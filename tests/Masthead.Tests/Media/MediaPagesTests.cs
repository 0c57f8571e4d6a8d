using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Media;

/// <summary>The demo's library pictures reach readers as responsive pictures, and /media serves nothing else.</summary>
public class MediaPagesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string LeadStory = "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival";

    private static List<(string Url, int Width)> SrcSet(IElement element) =>
        element.GetAttribute("srcset")!.Split(", ").Select(part => part.Split(' ')).Select(p => (p[0], int.Parse(p[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public async Task ArticleHero_IsAPicture_WithAvifAndWebpSources_AndAFixedShape()
    {
        var doc = await app.Reader().GetPageAsync(LeadStory);
        var picture = doc.QuerySelector("figure.article__hero > picture")!;
        Assert.NotNull(picture);
        var sources = picture.QuerySelectorAll("source").Select(s => s.GetAttribute("type")).ToList();
        Assert.Equal(["image/avif", "image/webp"], sources);

        var img = picture.QuerySelector("img")!;
        Assert.Equal("1200", img.GetAttribute("width"));
        Assert.Equal("675", img.GetAttribute("height"));
        Assert.Equal("eager", img.GetAttribute("loading"));
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.StartsWith("A woman in her fifties", img.GetAttribute("alt"));
        Assert.Contains("40rem", img.GetAttribute("sizes"));
        Assert.Equal([320, 640, 960, 1200], SrcSet(img).Select(s => s.Width));

        // Every file the page names exists, in the type and width it claims.
        var reader = app.Reader();
        foreach (var (element, type) in new[] { (picture.QuerySelector("source[type='image/avif']")!, "image/avif"), (picture.QuerySelector("source[type='image/webp']")!, "image/webp"), (img, "image/jpeg") })
        {
            Assert.Equal(img.GetAttribute("sizes"), element.GetAttribute("sizes"));
            foreach (var (url, width) in SrcSet(element))
            {
                var file = await reader.GetFileAsync(url, type);
                Assert.Equal(width, TestImages.Describe(file).Width);
            }
        }
    }

    [Fact]
    public async Task Cards_UseTheCardCrop_LazilyExceptTheLead()
    {
        var doc = await app.Reader().GetPageAsync("/");
        var lead = doc.QuerySelector(".card--lead picture img")!;
        Assert.Equal("eager", lead.GetAttribute("loading"));
        Assert.Null(lead.GetAttribute("fetchpriority"));

        var cards = doc.QuerySelectorAll(".story-grid .card picture img").ToList();
        Assert.NotEmpty(cards);
        foreach (var img in cards)
        {
            Assert.Equal("lazy", img.GetAttribute("loading"));
            Assert.Equal("", img.GetAttribute("alt"));
            var width = int.Parse(img.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
            var height = int.Parse(img.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(width * 9.0 / 16, height - 1, height + 1);
            Assert.All(SrcSet(img), s => Assert.Contains("/16x9-", s.Url));
        }
        var crop = SrcSet(cards[0])[0];
        var file = await app.Reader().GetFileAsync(crop.Url.Replace(".jpg", ".avif"), "image/avif");
        Assert.Equal(crop.Width, TestImages.Describe(file).Width);
    }

    [Fact]
    public async Task MovingAHerosFocalPoint_ShowsOnTheFrontPageAtOnce()
    {
        var before = await app.Reader().GetPageAsync("/");
        Assert.Contains("/16x9-500-500/", before.QuerySelector(".card--lead picture img")!.GetAttribute("src"));

        var mediaId = app.WithDb(db => db.Articles.Where(a => a.Slug == LeadStory.Split('/').Last()).Select(a => a.HeroImage!.MediaId!.Value).Single());
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PatchJsonAsync($"/api/admin/media/{mediaId}", new { focalPoint = new { x = 0.3, y = 0.7 } }, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var after = await app.Reader().GetPageAsync("/");
        var src = after.QuerySelector(".card--lead picture img")!.GetAttribute("src")!;
        Assert.Contains("/16x9-300-700/", src);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(src)).StatusCode);
    }

    [Fact]
    public async Task ExternalHero_StaysAPlainImage()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Pictures from elsewhere",
            standfirst = "From a photo agency.",
            section = "news",
            bylines = new[] { "wren-ashdown" },
            heroImage = new { url = "https://images.example.org/pier.jpg", alt = "The pier at dusk", credit = "Pier Photo Agency", width = 1000, height = 600 },
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);
        var doc = await app.Reader().GetPageAsync(created["url"]!.GetValue<string>());
        Assert.Null(doc.QuerySelector("figure.article__hero picture"));
        var img = doc.QuerySelector("figure.article__hero > img")!;
        Assert.Equal("https://images.example.org/pier.jpg", img.GetAttribute("src"));
        Assert.Equal("1000", img.GetAttribute("width"));
    }
}
