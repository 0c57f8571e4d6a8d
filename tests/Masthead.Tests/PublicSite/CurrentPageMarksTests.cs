using System.Text.Json;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>
/// Where a reader is, for screen readers: the site navigation marks the link to this very page aria-current="page" and
/// the section a page sits in aria-current="true" (an article in Film &amp; TV is not the Culture page); the breadcrumb
/// marks its last item only when that item is this page. Tag pages carry a breadcrumb in JSON-LD; the 404 page a
/// meta description.
/// </summary>
public class CurrentPageMarksTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static string? Mark(AngleSharp.Dom.IDocument page, string selector) => page.QuerySelector(selector)?.GetAttribute("aria-current");

    [Fact]
    public async Task TheNavigationAndTheBreadcrumb_MarkThisPage_AndTheSectionItSitsIn()
    {
        var reader = app.Reader();
        var culture = await reader.GetPageAsync("/culture");
        Assert.Equal("page", Mark(culture, ".site-nav a[href='/culture']"));
        Assert.Equal("page", Mark(culture, ".breadcrumb li:last-child a"));

        var film = await reader.GetPageAsync("/culture/film-tv");
        Assert.Equal("true", Mark(film, ".site-nav a[href='/culture']"));
        Assert.Equal("page", Mark(film, ".breadcrumb a[href='/culture/film-tv']"));
        Assert.Null(Mark(film, ".breadcrumb a[href='/culture']"));

        var article = app.WithDb(db => db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published && a.PrimarySection.Path == "culture/film-tv")
            .Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
        var story = await reader.GetPageAsync(article);
        Assert.Equal("true", Mark(story, ".site-nav a[href='/culture']"));
        Assert.Empty(story.QuerySelectorAll(".breadcrumb [aria-current]"));
        Assert.Empty(story.QuerySelectorAll(".site-nav [aria-current='page']"));
    }

    [Fact]
    public async Task ATagPage_HasABreadcrumbInJsonLd_AndThe404Page_ADescription()
    {
        var article = app.WithDb(db => db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published).OrderBy(a => a.Id)
            .Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
        var tagLink = (await app.Reader().GetPageAsync(article)).QuerySelector("a[href^='/tag/']")!.GetAttribute("href")!;
        var tag = tagLink["/tag/".Length..];
        var page = await app.Reader().GetPageAsync(tagLink);
        var data = page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent)).ToList();
        var crumbs = data.Single(d => d.RootElement.GetProperty("@type").GetString() == "BreadcrumbList").RootElement.GetProperty("itemListElement");
        Assert.Equal(2, crumbs.GetArrayLength());
        Assert.EndsWith($"/tag/{tag}", crumbs[1].GetProperty("item").GetString());

        var missing = await app.Reader().GetPageAsync("/no-such-page-here", 404);
        Assert.False(string.IsNullOrWhiteSpace(missing.QuerySelector("meta[name='description']")?.GetAttribute("content")));
    }
}
