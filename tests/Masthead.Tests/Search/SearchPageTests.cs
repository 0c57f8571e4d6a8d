using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Tests.Support;

namespace Masthead.Tests.Search;

/// <summary>The public search page: its structure, form, results, filters, paging, messages and caching.</summary>
public class SearchPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task EmptySearch_ShowsTheLabelledForm_AndIsNotIndexed()
    {
        var response = await app.Reader().GetAsync("/search");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var page = await Html.ParseAsync(response);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal("Search", page.QuerySelector("main h1").Text());
        Assert.NotNull(page.QuerySelector(".masthead"));
        Assert.NotNull(page.QuerySelector("footer.site-footer"));

        var form = page.QuerySelector("main form[role=search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.False(string.IsNullOrWhiteSpace(form.GetAttribute("aria-label")));
        // Every control has a label that points at it.
        var controls = form.QuerySelectorAll("input, select");
        Assert.Equal(["q", "section", "author", "tag", "from", "to"], controls.Select(c => c.GetAttribute("name")));
        foreach (var control in controls)
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"label[for='{control.Id}']").Text()), $"{control.Id} has no label");
        Assert.Equal("search", form.QuerySelector("#search-q")!.GetAttribute("type"));
        Assert.Equal("date", form.QuerySelector("#search-from")!.GetAttribute("type"));
        Assert.NotNull(form.QuerySelector("fieldset > legend"));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
        // Sub-sections are offered under their parents; authors and topics with stories are offered.
        var sections = form.QuerySelectorAll("#search-section option").Select(o => o.GetAttribute("value")).ToList();
        Assert.True(sections.IndexOf("culture") < sections.IndexOf("culture/film-tv"));
        Assert.Contains("wren-ashdown", form.QuerySelectorAll("#search-author option").Select(o => o.GetAttribute("value")));
        Assert.NotEmpty(form.QuerySelectorAll("#search-tag option").Skip(1));
        // No results list or count before anything is asked; only one search form (the header's is left out here).
        Assert.Null(page.QuerySelector(".search-results"));
        Assert.Single(page.QuerySelectorAll("form[role=search]"));
        AssertUniqueIds(page);
    }

    [Fact]
    public async Task Results_LinkHeadlines_WithSnippetSectionBylineAndDate()
    {
        var story = await app.PublishedAsync("Quernstone bakery wins the village vote", standfirst: "Bread, again.",
            body: "The quernstone bakery on Mill Lane opened at five, as it has every day since 1962.", section: "life", bylines: ["wren-ashdown", "rosa-villanueva"]);
        var page = await app.Reader().GetPageAsync("/search?q=quernstone");
        Assert.Equal("1 story matches “quernstone”", page.QuerySelector(".search-results__count").Text());
        Assert.Contains("quernstone", page.Title);
        var result = Assert.Single(page.QuerySelectorAll(".search-results__list > li.search-result"));
        var link = result.QuerySelector("h3 a")!;
        Assert.Equal("/life/quernstone-bakery-wins-the-village-vote", link.GetAttribute("href"));
        Assert.Equal("Quernstone bakery wins the village vote", link.Text());
        Assert.Equal("Quernstone", link.QuerySelector("mark").Text());
        Assert.Contains("quernstone", result.QuerySelector(".search-result__snippet mark").Text(), StringComparison.OrdinalIgnoreCase);
        var meta = result.QuerySelector(".search-result__meta")!;
        Assert.Equal("/life", meta.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Wren Ashdown and Rosa Villanueva", meta.TextContent);
        Assert.StartsWith(app.Clock.GetUtcNow().ToString("yyyy-MM"), meta.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("quernstone", page.QuerySelector("#search-q")!.GetAttribute("value"));
        // The story's own page is one click away.
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(link.GetAttribute("href"))).StatusCode);
        _ = story;
    }

    [Fact]
    public async Task NoResults_SaysSo()
    {
        var page = await app.Reader().GetPageAsync("/search?q=xylophonic+zanzibarite");
        Assert.Equal("No stories match “xylophonic zanzibarite”", page.QuerySelector(".search-results__count").Text());
        Assert.Contains("Check the spelling", page.QuerySelector(".search-results .empty").Text());
        Assert.Null(page.QuerySelector(".search-results__list"));
    }

    [Fact]
    public async Task Filters_AreKeptInTheFormAndInThePagerLinks()
    {
        for (var i = 0; i < 12; i++) await app.PublishedAsync($"Dovecote survey part {i}", section: "culture/books", bylines: ["rosa-villanueva"]);
        await app.PublishedAsync("Dovecote survey in the news", section: "news/uk", bylines: ["rosa-villanueva"]);
        var today = app.Clock.GetUtcNow().ToString("yyyy-MM-dd");

        var first = await app.Reader().GetPageAsync($"/search?q=dovecote&section=culture&author=rosa-villanueva&from=2020-01-01&to={today}");
        Assert.Equal("12 stories match “dovecote”", first.QuerySelector(".search-results__count").Text());
        Assert.Equal(10, first.QuerySelectorAll(".search-result").Length);
        Assert.All(first.QuerySelectorAll(".search-result__meta a"), a => Assert.Equal("/culture/books", a.GetAttribute("href")));
        Assert.Equal("culture", first.QuerySelector("#search-section option[selected]")?.GetAttribute("value"));
        Assert.Equal("rosa-villanueva", first.QuerySelector("#search-author option[selected]")?.GetAttribute("value"));
        Assert.Equal("2020-01-01", first.QuerySelector("#search-from")!.GetAttribute("value"));

        var pager = first.QuerySelector("nav.pager")!;
        Assert.False(string.IsNullOrWhiteSpace(pager.GetAttribute("aria-label")));
        Assert.Null(pager.QuerySelector("a[rel=prev]"));
        var next = pager.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("section=culture", next);
        Assert.Contains("author=rosa-villanueva", next);
        Assert.Contains("page=2", next);

        var second = await app.Reader().GetPageAsync(next);
        Assert.Equal(2, second.QuerySelectorAll(".search-result").Length);
        Assert.Equal("11", second.QuerySelector(".search-results__list")!.GetAttribute("start"));
        Assert.NotNull(second.QuerySelector("nav.pager a[rel=prev]"));
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
        var headlines = first.QuerySelectorAll(".search-result h3").Concat(second.QuerySelectorAll(".search-result h3")).Select(h => h.Text()).ToList();
        Assert.Equal(12, headlines.Distinct().Count());

        // A date range before the stories finds none of them.
        var none = await app.Reader().GetPageAsync("/search?q=dovecote&to=2020-01-01");
        Assert.Contains("remove a filter", none.QuerySelector(".search-results .empty").Text());
    }

    [Fact]
    public async Task EverySite_PageHasTheHeaderSearchBox_AndTheJsonLdTargetIsThisPage()
    {
        var home = await app.Reader().GetPageAsync("/");
        var form = home.QuerySelector("header.masthead form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var input = form.QuerySelector("input[name=q]")!;
        Assert.False(string.IsNullOrWhiteSpace(home.QuerySelector($"label[for='{input.Id}']").Text()));
        Assert.NotNull((await app.Reader().GetPageAsync("/culture")).QuerySelector("header.masthead form[role=search]"));

        var template = home.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(j => j.GetProperty("@type").GetString() == "WebSite")
            .GetProperty("potentialAction").GetProperty("target").GetProperty("urlTemplate").GetString()!;
        var url = new Uri(template.Replace("{search_term_string}", "otters"));
        var results = await app.Reader().GetPageAsync(url.PathAndQuery);
        Assert.NotEmpty(results.QuerySelectorAll(".search-result"));
    }

    [Fact]
    public async Task ResultsChange_AsSoonAsAStoryIsPublished()
    {
        Assert.Equal("No stories match “orreryhouse”", (await app.Reader().GetPageAsync("/search?q=orreryhouse")).QuerySelector(".search-results__count").Text());
        await app.PublishedAsync("The orreryhouse opens to visitors");
        Assert.Equal("1 story matches “orreryhouse”", (await app.Reader().GetPageAsync("/search?q=orreryhouse")).QuerySelector(".search-results__count").Text());
    }

    private static void AssertUniqueIds(IDocument page)
    {
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
