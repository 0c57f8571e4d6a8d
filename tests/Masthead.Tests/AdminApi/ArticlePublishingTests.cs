using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.AdminApi;

/// <summary>Articles written and published through the admin API, then read as a reader sees them.</summary>
public class ArticlePublishingTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Body = """
        The programme opened with a short film and closed with a standing ovation.

        ## A subheading for the second half

        > The room went quiet, then it went wild.
        >
        > — Ines Okoro, programmer

        > We made it for the people who were there.
        >
        > — Dev Marlow, director

        :::embed https://x.com/fictional_fest/status/1800000000000000001
        Sold out in eleven minutes.
        — @fictional_fest
        :::
        """;

    private static object NewArticle(string headline) => new
    {
        headline,
        standfirst = "“We made it for the people who were there,” says the director.",
        body = Body,
        section = "culture/film-tv",
        bylines = new[] { "rosa-villanueva", "jun-hayashi-brooks" },
        credits = new object[]
        {
            new { role = "Words", author = "rosa-villanueva" },
            new { role = "Pictures", name = "Lowlight Studio Collective" },
        },
        tags = new[] { "Film", "Premieres" },
        heroImage = new { url = "/media/demo/placeholder.jpg", alt = "A cinema audience on its feet", caption = "The premiere.", credit = "Lowlight Studio Collective", width = 1200, height = 675 },
    };

    [Fact]
    public async Task PublishedArticle_AppearsWithEveryPartAndInSectionAndAuthorListings()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var headline = $"Premiere night {Guid.NewGuid():N}"[..24];
        var created = await editor.PostJsonAsync("/api/admin/articles", NewArticle(headline), 201);
        var id = created["id"]!.GetValue<int>();
        Assert.Equal("draft", created["status"]!.GetValue<string>());
        var url = created["url"]!.GetValue<string>();

        // A draft is not public.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(url)).StatusCode);

        var published = await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        Assert.Equal("published", published["status"]!.GetValue<string>());

        var doc = await app.Reader().GetPageAsync(url);
        Assert.Equal(headline, doc.QuerySelector("h1").Text());
        Assert.Equal(["Home", "Culture", "Film & TV"], doc.QuerySelectorAll("nav[aria-label=Breadcrumb] a").Select(a => a.Text()));
        Assert.StartsWith("“We made it", doc.QuerySelector(".article__standfirst").Text());
        Assert.Equal(["/author/rosa-villanueva", "/author/jun-hayashi-brooks"], doc.QuerySelectorAll(".byline a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Pictures: Lowlight Studio Collective", doc.QuerySelector(".credits").Text().Replace("\n", " ").Replace("  ", " "));
        Assert.Equal("A subheading for the second half", doc.QuerySelector(".article__body h2").Text());
        Assert.Equal(["— Ines Okoro, programmer", "— Dev Marlow, director"], doc.QuerySelectorAll(".article__body figure.quote figcaption").Select(f => f.Text()));
        var embed = doc.QuerySelector(".article__body figure.embed--x")!;
        Assert.Equal("Sold out in eleven minutes.", embed.QuerySelector(".embed__text").Text());
        Assert.Equal("A cinema audience on its feet", doc.QuerySelector("figure.article__hero img")!.GetAttribute("alt"));
        Assert.NotNull(doc.QuerySelector(".dates time[datetime]"));

        foreach (var listing in new[] { "/culture/film-tv", "/culture", "/author/rosa-villanueva", "/author/jun-hayashi-brooks", "/tag/premieres", "/" })
        {
            var page = await app.Reader().GetPageAsync(listing);
            Assert.True(page.QuerySelectorAll(".card__headline a").Any(a => a.GetAttribute("href") == url), $"{listing} should list {url}");
        }
    }

    [Fact]
    public async Task Edit_ShowsOnTheNextRequest_AndAnOldSlugRedirects()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", NewArticle("A headline before the edit"), 201);
        var id = created["id"]!.GetValue<int>();
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        var oldUrl = created["url"]!.GetValue<string>();
        Assert.Equal("A headline before the edit", (await app.Reader().GetPageAsync(oldUrl)).QuerySelector("h1").Text()); // now cached

        var current = await editor.GetAsync($"/api/admin/articles/{id}");
        var etag = current.Headers.ETag!.ToString();
        var patch = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "A headline after the edit", slug = $"after-the-edit-{id}" }, etag);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var newUrl = (await patch.ReadNodeAsync())["url"]!.GetValue<string>();

        Assert.Equal("A headline after the edit", (await app.Reader().GetPageAsync(newUrl)).QuerySelector("h1").Text());
        var redirect = await app.Reader().GetAsync(oldUrl);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(newUrl, redirect.Headers.Location!.OriginalString);
        Assert.Contains(await app.Reader().GetPageAsync("/culture/film-tv") is var section ? section.QuerySelectorAll(".card__headline a") : null!,
            a => a.Text() == "A headline after the edit");
    }

    [Fact]
    public async Task Unpublish_Answers410AndLeavesListings()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", NewArticle("A story that will be withdrawn"), 201);
        var id = created["id"]!.GetValue<int>();
        var url = created["url"]!.GetValue<string>();
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        await app.Reader().GetPageAsync(url);
        await editor.PostJsonAsync($"/api/admin/articles/{id}/unpublish", new { }, 200);

        Assert.Equal(HttpStatusCode.Gone, (await app.Reader().GetAsync(url)).StatusCode);
        var section = await app.Reader().GetPageAsync("/culture/film-tv");
        Assert.DoesNotContain(section.QuerySelectorAll(".card__headline a"), a => a.GetAttribute("href") == url);
    }

    [Fact]
    public async Task CorrectionNote_IsShownWithItsTime()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", NewArticle("A story that needs a correction"), 201);
        var id = created["id"]!.GetValue<int>();
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var corrected = await editor.PostJsonAsync($"/api/admin/articles/{id}/notes", new { kind = "correction", text = "An earlier version misspelled the programmer's name." }, 200);

        var doc = await app.Reader().GetPageAsync(corrected["url"]!.GetValue<string>());
        Assert.Contains("misspelled", doc.QuerySelector("#notes .note--correction").Text());
        Assert.Contains("Updated", doc.QuerySelector(".dates").Text());
    }

    [Fact]
    public async Task ScheduledArticle_GoesLiveWhenItsTimeComes()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", NewArticle("A story for tomorrow morning"), 201);
        var id = created["id"]!.GetValue<int>();
        var at = app.Clock.GetUtcNow().AddHours(1);
        var scheduled = await editor.PostJsonAsync($"/api/admin/articles/{id}/schedule", new { publishAt = at }, 200);
        Assert.Equal("scheduled", scheduled["status"]!.GetValue<string>());
        var url = created["url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(url)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services))
        {
            var workflow = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Masthead.Core.Articles.ArticleWorkflow>(scope.ServiceProvider);
            Assert.True(await workflow.PublishDueAsync(CancellationToken.None) >= 1);
        }
        var doc = await app.Reader().GetPageAsync(url);
        Assert.Equal(at.UtcDateTime, DateTimeOffset.Parse(doc.QuerySelector(".dates time")!.GetAttribute("datetime")!).UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SectionListing_Paginates()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var section = await editor.PostJsonAsync("/api/admin/sections", new { name = "Paging desk", parent = "news" }, 201);
        var path = section["path"]!.GetValue<string>();
        for (var i = 0; i < 22; i++)
        {
            var article = await editor.PostJsonAsync("/api/admin/articles", new { headline = $"Paging story {i}", standfirst = "One of many.", section = path, bylines = new[] { "wren-ashdown" } }, 201);
            await editor.PostJsonAsync($"/api/admin/articles/{article["id"]}/publish", new { }, 200);
        }
        var first = await app.Reader().GetPageAsync("/" + path);
        // Twenty stories a page: the first page opens with a lead, then the grid; later pages are all grid.
        Assert.Single(first.QuerySelectorAll(".listing-lead .card--lead"));
        Assert.Equal(19, first.QuerySelectorAll(".story-grid .card").Length);
        Assert.Equal($"/{path}?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        var second = await app.Reader().GetPageAsync($"/{path}?page=2");
        Assert.Equal(2, second.QuerySelectorAll(".story-grid .card").Length);
        Assert.Null(second.QuerySelector(".listing-lead"));
        await app.Reader().GetPageAsync($"/{path}?page=3", 404);
        Assert.Contains(await app.Reader().GetPageAsync("/news") is var news ? news.QuerySelectorAll(".subsections a") : null!, a => a.GetAttribute("href") == "/" + path);
    }

    [Fact]
    public async Task HostileBody_NeverReachesTheReader()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "A story with hostile markup",
            standfirst = "Markup that must never run.",
            section = "news",
            bylines = new[] { "wren-ashdown" },
            body = "Hello <script>alert(1)</script><img src=x onerror=alert(2)> [link](javascript:alert(3))",
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);
        var html = await app.Reader().GetStringAsync(created["url"]!.GetValue<string>());
        Assert.DoesNotContain("alert(", html);
        Assert.DoesNotContain("onerror", html);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheAdminApi()
    {
        var json = JsonNode.Parse(await app.Reader().GetStringAsync("/openapi/v1.json"))!;
        Assert.Equal("Masthead admin API", json["info"]!["title"]!.GetValue<string>());
        Assert.NotNull(json["paths"]!["/api/admin/articles"]);
        Assert.NotNull(json["paths"]!["/api/admin/articles/{id}/publish"]);
    }
}
