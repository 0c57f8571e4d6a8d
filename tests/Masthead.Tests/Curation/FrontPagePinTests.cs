using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Curation;
using Masthead.Tests.Support;

namespace Masthead.Tests.Curation;

/// <summary>Editors pin stories to lead the home page and section pages, in their order, from the newsroom.</summary>
public class FrontPagePinTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private async Task<Article> PublishedAsync(string headline, string section = "culture/film-tv")
    {
        var story = await app.UseAsync<SaveArticle, Article>(async save => (await save.CreateAsync(new ArticleInput
        {
            Headline = headline, Standfirst = "A standfirst.", Body = "Text.", Section = section, Bylines = ["wren-ashdown"],
        }, Editor.System, CancellationToken.None)).Value!);
        return await app.PublishAsync(story.Id);
    }

    private static List<string> HomeHeadlines(AngleSharp.Dom.IDocument home) =>
        home.QuerySelectorAll(".home-top .card__headline a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task PinnedStories_LeadTheHomePage_InTheEditorsOrder_AndNoStoryShowsTwice()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Pip Pinner");
        var older = await PublishedAsync("An older story worth leading with");
        var second = await PublishedAsync("A second pinned story");
        // Newer stories than both, so without pins neither would lead.
        for (var i = 0; i < 3; i++) await PublishedAsync($"Fresh news {i} {Guid.NewGuid():N}");
        var before = await app.Reader().GetPageAsync("/");
        Assert.NotEqual(older.Headline, HomeHeadlines(before)[0]);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/newsroom/front-pages", "#pin-form", new() { ["articleId"] = second.Id.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/newsroom/front-pages", "#pin-form", new() { ["articleId"] = older.Id.ToString() })).StatusCode);
        // The older one goes up, to lead.
        var page = await editor.GetPageAsync("/newsroom/front-pages");
        var moveUp = page.QuerySelectorAll("#pins li")[1].QuerySelector("form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(moveUp, "/newsroom/front-pages", [], "up=true")).StatusCode);

        var home = await app.Reader().GetPageAsync("/");
        var top = HomeHeadlines(home);
        Assert.Equal([older.Headline, second.Headline], top.Take(2));
        // Every story on the home page once.
        var all = home.QuerySelectorAll("main .card__headline a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());

        // Unpinned, the older story no longer leads.
        page = await editor.GetPageAsync("/newsroom/front-pages");
        var unpin = page.QuerySelectorAll("#pins li")[0].QuerySelectorAll("form")[1];
        await editor.PostFormAsync(unpin, "/newsroom/front-pages", []);
        Assert.Equal(second.Headline, HomeHeadlines(await app.Reader().GetPageAsync("/"))[0]);
        await app.UseAsync<FrontPagePins, int>(async p => { foreach (var pin in await p.ListAsync(null, CancellationToken.None)) await p.UnpinAsync(pin.PinId, Editor.System with { Role = Role.Admin }, CancellationToken.None); return 0; });
    }

    [Fact]
    public async Task ASectionPin_LeadsThatSectionsPage_AndOnlyAStoryInTheSectionCanBePinnedThere()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Sec Pinner");
        var film = await PublishedAsync("A film story from last month");
        for (var i = 0; i < 2; i++) await PublishedAsync($"Newer film story {i} {Guid.NewGuid():N}");
        var news = await PublishedAsync("A news story that is not about film", "news");

        var refused = await editor.SubmitAsync("/newsroom/front-pages?at=culture/film-tv", "#pin-form", new() { ["articleId"] = news.Id.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("does not appear in", (await Html.ParseAsync(refused)).QuerySelector("#error-summary")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/newsroom/front-pages?at=culture/film-tv", "#pin-form", new() { ["articleId"] = film.Id.ToString() })).StatusCode);
        var section = await app.Reader().GetPageAsync("/culture/film-tv");
        Assert.Equal(film.Headline, section.QuerySelector("main .card__headline a")!.TextContent.Trim());
        // The story is listed once, though it is both pinned and among the section's stories.
        Assert.Single(section.QuerySelectorAll($"main .card__headline a[href$='/{film.Slug}']"));
        // And the parent section's page is not led by it (pins belong to one page).
        Assert.NotEqual(film.Headline, (await app.Reader().GetPageAsync("/culture")).QuerySelector("main .card__headline a")!.TextContent.Trim());
    }

    [Fact]
    public async Task OnlyEditorsAndAdmins_ArrangeFrontPages_AndADraftCannotBePinned()
    {
        var author = await app.NewsroomAsAsync(Role.Author, "Ada Author");
        var forbidden = await author.Http.GetAsync("/newsroom/front-pages");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Contains("/newsroom/forbidden", forbidden.Headers.Location!.ToString());

        var draft = await app.StoryAsync("A draft nobody may pin");
        var result = await app.UseAsync<FrontPagePins, Core.Common.Result<Pin>>(p => p.PinAsync(draft.Id, null, new Editor(0, Role.Editor, null), CancellationToken.None));
        Assert.Equal(Core.Common.Outcome.Invalid, result.Outcome);
        Assert.Equal(0, app.WithDb(db => db.Pins.Count(p => p.ArticleId == draft.Id)));
    }
}
