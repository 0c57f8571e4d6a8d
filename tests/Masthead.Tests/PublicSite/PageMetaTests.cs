using System.Globalization;
using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Tests.Media;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>
/// What a page tells the platforms that share it: og:image's, JSON-LD's and the feed's picture sizes are those of the
/// file they name (a library picture's scaled-down file, not the original), an author without a bio still has a description, and so
/// does a standalone page.
/// </summary>
public partial class PageMetaTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task OgImage_DeclaresTheSizeOfTheFileItNames()
    {
        // A picture wider than the file pages name, so that file is a scaled-down one.
        var editor = await app.ClientAsAsync(Role.Editor);
        var picture = await editor.UploadAsync(TestImages.Jpeg(2400, 1500), "wide.jpg", "A wide street at dusk", credit: "Tamsin Rook");
        var story = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "A story with a wide picture", standfirst = "Shared widely.", section = "news", bylines = new[] { "wren-ashdown" },
            heroImage = new { mediaId = picture["id"]!.GetValue<int>() },
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{story["id"]}/publish", new { }, 200);
        var path = app.WithDb(db => db.Articles.Where(a => a.Id == story["id"]!.GetValue<int>()).Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).Single());

        var page = await app.Reader().GetPageAsync(path);
        var image = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        var file = LibraryFile().Match(image);
        Assert.True(file.Success, image);
        var width = int.Parse(file.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(width < 2400, $"og:image names the {width} px file");
        Assert.Equal(width.ToString(CultureInfo.InvariantCulture), page.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"));
        var height = Math.Round(1500.0 * width / 2400).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(height, page.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"));

        // JSON-LD and the feed name the same file with the same size.
        var article = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => System.Text.Json.Nodes.JsonNode.Parse(s.TextContent)!).Single(j => j["@type"]?.GetValue<string>() == "NewsArticle");
        var ldImage = article["image"]![0]!;
        Assert.Equal(image, ldImage["url"]!.GetValue<string>());
        Assert.Equal(width, ldImage["width"]!.GetValue<int>());
        Assert.Equal(height, ldImage["height"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture));
        var feed = System.Xml.Linq.XDocument.Parse(await app.Reader().GetStringAsync("/feed.xml"));
        System.Xml.Linq.XNamespace mediaRss = "http://search.yahoo.com/mrss/";
        var content = feed.Descendants(mediaRss + "content").Single(c => (string?)c.Attribute("url") == image);
        Assert.Equal(width.ToString(CultureInfo.InvariantCulture), (string?)content.Attribute("width"));
        Assert.Equal(height, (string?)content.Attribute("height"));
    }

    [Fact]
    public async Task AnAuthorWithoutABio_StillHasADescription()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var author = await editor.PostJsonAsync("/api/admin/authors", new { name = "Quinn Nobio" }, 201);
        var slug = author["slug"]!.GetValue<string>();
        var story = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Filed by a writer with no bio", standfirst = "Quietly.", section = "news", bylines = new[] { slug } }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{story["id"]}/publish", new { }, 200);
        var page = await app.Reader().GetPageAsync($"/author/{slug}");
        Assert.Equal("Stories by Quinn Nobio in The Quire.", page.QuerySelector("meta[name='description']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task AStandalonePage_IsDescribedByItsOpeningWords_CutAtAWord()
    {
        var body = app.WithDb(db => db.Pages.Single(p => p.Slug == "about").BodyHtml);
        var firstParagraph = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + body).QuerySelector("p")!.TextContent;
        var page = await app.Reader().GetPageAsync("/about");
        var description = page.QuerySelector("meta[name='description']")!.GetAttribute("content")!;
        Assert.True(description.Length <= 160, description);
        Assert.EndsWith("…", description); // the demo's about page is longer than a description
        var words = description.TrimEnd('…').Split(' ');
        Assert.StartsWith(string.Join(' ', words[..^1]), firstParagraph); // whole words from the start (the last may end a sentence)
        Assert.Equal(description, page.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
    }

    [GeneratedRegex(@"/media/([a-z0-9]{16})/(\d+)\.[a-z]+$")]
    private static partial Regex LibraryFile();
}
