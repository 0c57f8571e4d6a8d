using System.Net;
using Masthead.Tests.Support;

namespace Masthead.Tests.Themes;

/// <summary>
/// Broadsheet replaces the home page and the story card: its markup is what readers get, on the pages it replaces and
/// inside Masthead's pages that show cards, while caching, cache tags, structured data and the CSP's terms stay as
/// they were. Beside it, the same demo without a theme still renders Masthead's own markup.
/// </summary>
public class ThemedPagesTests(BroadsheetAppFactory themed, MastheadAppFactory plain)
    : IClassFixture<BroadsheetAppFactory>, IClassFixture<MastheadAppFactory>
{
    private static readonly string[] Pages = ["/", "/culture", "/author/wren-ashdown", "/tag/film",
        "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival", "/corrections", "/no-such-page"];

    [Fact]
    public async Task TheHomePage_IsTheThemes_WithItsStylesheet_AndMastheadsStructuredData()
    {
        var reader = themed.Reader();
        var home = await reader.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("section.bs-front .bs-front__lead article.bs-story.bs-story--lead h2.bs-story__headline a"));
        Assert.NotEmpty(home.QuerySelectorAll("ol.bs-briefs > li article.bs-story h3"));
        Assert.NotEmpty(home.QuerySelectorAll("section.bs-band ul.bs-columns article.bs-story"));
        Assert.Empty(home.QuerySelectorAll(".card, .home-top")); // none of Masthead's own card or front markup
        // Masthead's layout still frames it: the head, the JSON-LD and the skip link are the layout's.
        Assert.Contains("\"@type\":\"WebSite\"", home.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.NotNull(home.QuerySelector("a.skip-link[href='#main']"));

        var link = home.QuerySelector("link[rel=stylesheet][href^='/themes/broadsheet.css?v=']")!.GetAttribute("href")!;
        var css = await reader.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".bs-story", await css.Content.ReadAsStringAsync());
        Assert.NotNull(css.Headers.ETag);
    }

    [Fact]
    public async Task MastheadsOwnPages_ShowTheThemesCards()
    {
        // SectionPage and TagPage are Masthead's; the StoryCard their listings use is Broadsheet's.
        foreach (var path in new[] { "/culture", "/tag/film" })
        {
            var page = await themed.Reader().GetPageAsync(path);
            Assert.NotNull(page.QuerySelector(".listing-header"));
            Assert.NotEmpty(page.QuerySelectorAll(".story-grid article.bs-story"));
            Assert.Empty(page.QuerySelectorAll("article.card"));
        }
    }

    [Fact]
    public async Task WithoutATheme_ThePagesAreMastheadsOwn()
    {
        var home = await plain.Reader().GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("section.home-top article.card.card--lead"));
        Assert.Empty(home.QuerySelectorAll("[class*='bs-']"));
        Assert.Null(home.QuerySelector("link[href^='/themes/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await plain.Reader().GetAsync("/themes/broadsheet.css")).StatusCode);
    }

    [Fact]
    public async Task ThemedPages_CarryTheSameCacheTagsAndStatus_AndAreServedFromTheCache()
    {
        foreach (var path in Pages)
        {
            var ours = await plain.Reader().GetAsync(path);
            var theirs = await themed.Reader().GetAsync(path);
            Assert.Equal(ours.StatusCode, theirs.StatusCode);
            Assert.Equal(Header(ours, "Surrogate-Key"), Header(theirs, "Surrogate-Key"));
            Assert.Equal(Header(ours, "Cache-Control"), Header(theirs, "Cache-Control"));
            Assert.Equal(Header(ours, "Content-Security-Policy"), Header(theirs, "Content-Security-Policy"));
            // Nothing the CSP would refuse: no style attributes or elements, no inline script but the JSON-LD.
            var page = await Html.ParseAsync(theirs);
            Assert.Empty(page.QuerySelectorAll("[style], style"));
            Assert.All(page.QuerySelectorAll("script:not([src])"), s => Assert.Equal("application/ld+json", s.GetAttribute("type")));

            if (theirs.StatusCode != HttpStatusCode.OK) continue;
            var again = await themed.Reader().GetAsync(path);
            Assert.Equal(theirs.Headers.ETag, again.Headers.ETag);
            Assert.NotNull(again.Headers.Age); // answered from the output cache
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
