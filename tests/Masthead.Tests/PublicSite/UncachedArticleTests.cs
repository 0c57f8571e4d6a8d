using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>An app with its page cache turned off: every article request is rendered from the database.</summary>
public sealed class UncachedAppFactory : MastheadAppFactory
{
    protected override bool PageCache => false;
    protected override bool StartsFromFirstStartCopy => true; // the page cache is in memory, not in what a first start writes
}

/// <summary>
/// The article page reads through long-lived connections with prepared statements. These check that such a
/// connection never answers from an old snapshot: edits, new related stories and unpublished ones show on the
/// next request, on both databases.
/// </summary>
public class UncachedArticleTests(UncachedAppFactory app) : IClassFixture<UncachedAppFactory>
{
    private async Task<(int Id, string Url)> PublishAsync(HttpClient editor, string headline, params string[] tags)
    {
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline, standfirst = "A story for the uncached page tests.", section = "life/travel",
            bylines = new[] { "wren-ashdown", "rosa-villanueva" }, tags,
            credits = new[] { new { role = "Pictures", name = "Harbour Light Studio" } },
        }, 201);
        var id = created["id"]!.GetValue<int>();
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        return (id, created["url"]!.GetValue<string>());
    }

    private static List<string> Related(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll(".related .card__headline a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task EditsAndNewRelatedStories_ShowOnTheNextRequest()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var reader = app.Reader();
        var (id, url) = await PublishAsync(editor, "A ferry timetable for the islands", "Ferry timetables");

        var page = await reader.GetPageAsync(url);
        Assert.Equal("A ferry timetable for the islands", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["/author/wren-ashdown", "/author/rosa-villanueva"], page.QuerySelectorAll(".byline a[rel=author]").Select(a => a.GetAttribute("href")).ToList());
        Assert.Contains("Harbour Light Studio", page.QuerySelector(".credits")!.TextContent);
        Assert.DoesNotContain("The winter crossing", Related(page));

        // A new story sharing the tag comes first among the related stories, with both its bylines.
        var (relatedId, _) = await PublishAsync(editor, "The winter crossing, timed to the minute", "Ferry timetables");
        page = await reader.GetPageAsync(url);
        Assert.Equal("The winter crossing, timed to the minute", Related(page).First());
        Assert.Equal("Wren Ashdown and Rosa Villanueva", page.QuerySelector(".related .card__meta span")!.TextContent.Trim());

        // An edit to the story shows at once.
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await editor.PatchJsonAsync($"/api/admin/articles/{id}",
            new { headline = "A ferry timetable for the outer islands" }, etag)).StatusCode);
        page = await reader.GetPageAsync(url);
        Assert.Equal("A ferry timetable for the outer islands", page.QuerySelector("h1")!.TextContent.Trim());

        // Unpublished, the related story leaves the list.
        await editor.PostJsonAsync($"/api/admin/articles/{relatedId}/unpublish", new { }, 200);
        page = await reader.GetPageAsync(url);
        Assert.DoesNotContain("The winter crossing, timed to the minute", Related(page));
    }

    [Fact]
    public async Task ManyReadersAtOnce_AllGetTheWholePage()
    {
        const string lead = "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival";
        var expected = await app.Reader().GetStringAsync(lead);
        var pages = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => app.Reader().GetStringAsync(lead)));
        Assert.All(pages, html => Assert.Equal(expected, html));
        Assert.Contains("Related stories", expected);
    }
}
