using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.PublicSite;

/// <summary>The demo publication's pages, parsed and checked for the structure readers and machines rely on.</summary>
public class PublicPagesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string LeadStory = "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival";

    [Fact]
    public async Task Home_ShowsLeadLatestAndARowPerTopSection()
    {
        var doc = await app.Reader().GetPageAsync("/");
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.NotNull(doc.QuerySelector(".card--lead h2 a[href]"));
        Assert.True(doc.QuerySelectorAll(".latest .card").Length >= 3);
        var rows = doc.QuerySelectorAll(".section-row__title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/news", "/culture", "/life", "/opinion"], rows);
        Assert.Equal("#main", doc.QuerySelector("a.skip-link")!.GetAttribute("href"));
        Assert.NotNull(doc.QuerySelector("main#main"));
        Assert.Equal("en-GB", doc.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Article_HasEveryPartOfTheModelInSemanticHtml()
    {
        var doc = await app.Reader().GetPageAsync(LeadStory);

        Assert.Equal("#main", doc.QuerySelector("body > a.skip-link")!.GetAttribute("href"));
        Assert.NotNull(doc.QuerySelector("header nav[aria-label=Sections] a[href='/culture']"));
        var crumbs = doc.QuerySelectorAll("nav[aria-label=Breadcrumb] ol li a").Select(a => a.Text()).ToList();
        Assert.Equal(["Home", "Culture", "Film & TV"], crumbs);

        var h1 = Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("The helpline tapes that became the film of the festival", h1.Text());
        Assert.StartsWith("“We were never the footnote", doc.QuerySelector(".article__standfirst").Text());

        var bylines = doc.QuerySelectorAll(".byline a[rel=author]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/author/tomasz-wielgosz", "/author/priya-mahendran"], bylines);
        var credits = doc.QuerySelector(".credits").Text();
        Assert.Contains("Pictures:", credits);
        Assert.Contains("Halfmoon Pictures Collective", credits);

        var time = doc.QuerySelector(".dates time[datetime]")!;
        Assert.True(DateTimeOffset.TryParse(time.GetAttribute("datetime"), out var published));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), published);

        var hero = doc.QuerySelector("figure.article__hero")!;
        Assert.False(string.IsNullOrWhiteSpace(hero.QuerySelector("img")!.GetAttribute("alt")));
        Assert.Equal("1200", hero.QuerySelector("img")!.GetAttribute("width"));
        Assert.Contains("Halfmoon Pictures Collective", hero.QuerySelector("figcaption").Text());

        var body = doc.QuerySelector(".article__body")!;
        Assert.NotEmpty(body.QuerySelectorAll("h2"));
        Assert.Equal(2, body.QuerySelectorAll("figure.quote").Length);
        Assert.NotNull(body.QuerySelector("aside.pullquote"));
        Assert.NotNull(body.QuerySelector("figure.figure figcaption .credit"));
        Assert.NotNull(body.QuerySelector("figure.embed--bluesky"));
        Assert.NotNull(body.QuerySelector("figure.embed--youtube"));

        Assert.Contains("/tag/film", doc.QuerySelectorAll("ul.tags a").Select(a => a.GetAttribute("href")));
        Assert.InRange(doc.QuerySelectorAll(".related .card").Length, 1, 4);
        Assert.Equal($"https://quire.example{LeadStory}", doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Article_WithCorrection_ShowsTheNoteWithItsTime()
    {
        var slug = app.WithDb(db => db.Articles.Where(a => a.Notes.Any(n => n.Kind == ArticleNoteKind.Correction)).Include(a => a.PrimarySection)
            .Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
        var doc = await app.Reader().GetPageAsync(slug);
        var note = doc.QuerySelector("#notes .note--correction")!;
        Assert.Contains("Correction", note.Text());
        Assert.NotNull(note.QuerySelector("time[datetime]"));
        Assert.NotNull(doc.QuerySelector(".dates a[href='#notes']"));
    }

    [Fact]
    public async Task Section_ListsSubsectionsAndStoriesFromTheWholeSubtree()
    {
        var doc = await app.Reader().GetPageAsync("/culture");
        Assert.Equal("Culture", doc.QuerySelector("h1").Text());
        var subsections = doc.QuerySelectorAll(".subsections a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/culture/film-tv", subsections);
        // The newest story in the subtree leads the page, and is not listed again under it.
        Assert.Equal(LeadStory, doc.QuerySelector(".listing-lead .card--lead .card__headline a")!.GetAttribute("href"));
        Assert.DoesNotContain(doc.QuerySelectorAll(".story-grid .card__headline a"), a => a.GetAttribute("href") == LeadStory);
        Assert.NotEmpty(doc.QuerySelectorAll(".story-grid .card"));
    }

    [Fact]
    public async Task Author_ListsTheirStoriesAndBio()
    {
        var doc = await app.Reader().GetPageAsync("/author/priya-mahendran");
        Assert.Equal("Priya Mahendran", doc.QuerySelector("h1").Text());
        Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector(".listing-header__description").Text()));
        Assert.Contains(doc.QuerySelectorAll(".card__headline a"), a => a.GetAttribute("href") == LeadStory);
    }

    [Fact]
    public async Task Tag_ListsTaggedStories()
    {
        var doc = await app.Reader().GetPageAsync("/tag/film");
        Assert.Equal("Film", doc.QuerySelector("h1").Text());
        Assert.Contains(doc.QuerySelectorAll(".card__headline a"), a => a.GetAttribute("href") == LeadStory);
    }

    [Fact]
    public async Task StandalonePage_IsServedAtItsSlugAndLinkedFromTheFooter()
    {
        var home = await app.Reader().GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll(".site-footer a"), a => a.GetAttribute("href") == "/corrections");
        var doc = await app.Reader().GetPageAsync("/corrections");
        Assert.Single(doc.QuerySelectorAll("h1"));
    }

    [Theory]
    [InlineData("/no-such-thing")]
    [InlineData("/culture/no-such-story")]
    [InlineData("/author/nobody")]
    [InlineData("/tag/nothing-here")]
    [InlineData("/culture?page=99")]
    [InlineData("/culture?page=0")]
    public async Task UnknownAddresses_Get404PageWithNavigation(string url)
    {
        var doc = await app.Reader().GetPageAsync(url, 404);
        Assert.NotNull(doc.QuerySelector("nav[aria-label=Sections]"));
        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Article_UnderTheWrongSection_RedirectsToItsCanonicalUrl()
    {
        var response = await app.Reader().GetAsync("/news/the-helpline-tapes-that-became-the-film-of-the-festival");
        Assert.Equal(301, (int)response.StatusCode);
        Assert.Equal(LeadStory, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PublicPages_CarryETagLastModifiedAndAnswer304()
    {
        var client = app.Reader();
        var first = await client.GetAsync(LeadStory);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
        var etag = first.Headers.ETag!;
        Assert.NotNull(first.Content.Headers.LastModified);

        var conditional = new HttpRequestMessage(HttpMethod.Get, LeadStory);
        conditional.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(conditional);
        Assert.Equal(304, (int)second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        var byDate = new HttpRequestMessage(HttpMethod.Get, LeadStory);
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(304, (int)(await client.SendAsync(byDate)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Get, LeadStory);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(200, (int)(await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task PublicPages_SendSecurityHeaders()
    {
        var response = await app.Reader().GetAsync("/");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
