using System.Net;
using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>The story editor without JavaScript: every field, the workflow buttons, conflicts and previews.</summary>
public partial class StoryEditorTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static Dictionary<string, string> Story(string headline, string? standfirst = "A standfirst.") => new()
    {
        ["Form.Headline"] = headline,
        ["Form.Standfirst"] = standfirst ?? "",
        ["Form.Body"] = "## A subheading\n\nFirst paragraph of the story.\n\n> A quote.\n> — Someone, somewhere",
        ["Form.Section"] = "culture/film-tv",
        ["Form.Bylines[0]"] = "wren-ashdown",
        ["Form.Credits[0].Role"] = "Pictures",
        ["Form.Credits[0].Name"] = "Northlight Studios",
        ["Form.Tags"] = "Film, Festivals",
        ["Form.HeroUrl"] = "/media/demo/hero.jpg",
        ["Form.HeroAlt"] = "A cinema foyer at night.",
        ["Form.HeroCredit"] = "Northlight Studios",
    };

    private static int IdFrom(HttpResponseMessage response) =>
        int.Parse(IdPattern().Match(response.Headers.Location!.OriginalString).Groups[1].Value);

    [GeneratedRegex(@"/newsroom/stories/(\d+)")]
    private static partial Regex IdPattern();

    [Fact]
    public async Task AuthorWritesAndPublishes_ThroughTheForm()
    {
        var author = await app.NewsroomAsAsync(Role.Author);
        var created = await author.SubmitAsync("/newsroom/stories/new", "#story-form", Story("Written in the newsroom"), "action=save");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = IdFrom(created);

        var page = await author.GetPageAsync($"/newsroom/stories/{id}");
        Assert.Equal("Written in the newsroom", page.QuerySelector("#f-headline")!.GetAttribute("value"));
        Assert.Equal("Northlight Studios", page.QuerySelector("#f-credit-name-0")!.GetAttribute("value"));
        Assert.Contains("words", page.QuerySelector("#word-count").Text());

        var published = await author.SubmitAsync($"/newsroom/stories/{id}", "#story-form", [], "action=publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var live = await app.Reader().GetPageAsync($"/culture/film-tv/written-in-the-newsroom");
        Assert.Equal("Written in the newsroom", live.QuerySelector("h1").Text());
        Assert.Contains("Northlight Studios", live.QuerySelector(".credits").Text());
    }

    [Fact]
    public async Task ContributorCannotPublish_AndTheGateNamesWhatIsMissing()
    {
        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        var created = await contributor.SubmitAsync("/newsroom/stories/new", "#story-form", Story("A contributor's piece"), "action=save");
        var id = IdFrom(created);
        var page = await contributor.GetPageAsync($"/newsroom/stories/{id}");
        Assert.Null(page.QuerySelector("button[value=publish]"));
        var forged = await contributor.SubmitAsync($"/newsroom/stories/{id}", "#story-form", [], "action=publish");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync("/culture/film-tv/a-contributor-s-piece")).StatusCode);

        var editor = await app.NewsroomAsAsync(Role.Editor);
        var noStandfirst = await editor.SubmitAsync($"/newsroom/stories/{id}", "#story-form", new() { ["Form.Standfirst"] = "", ["Form.HeroCredit"] = "" }, "action=publish");
        Assert.Equal(HttpStatusCode.BadRequest, noStandfirst.StatusCode);
        var html = await Html.ParseAsync(noStandfirst);
        var summary = html.QuerySelector("#error-summary").Text();
        Assert.Contains("standfirst", summary);
        Assert.Contains("Credit the hero image", summary);
        Assert.Equal(2, html.QuerySelectorAll(".nr-checklist .is-missing").Length);
    }

    [Fact]
    public async Task SecondSave_FromAStaleForm_ShowsBothVersions_AndOverwritesNothing()
    {
        var first = await app.NewsroomAsAsync(Role.Editor, "Ana First");
        var second = await app.NewsroomAsAsync(Role.Editor, "Ben Second");
        var id = IdFrom(await first.SubmitAsync("/newsroom/stories/new", "#story-form", Story("Two editors, one story"), "action=save"));

        // Both open the story; the first saves a new standfirst.
        var stalePage = await second.GetPageAsync($"/newsroom/stories/{id}");
        var saved = await first.SubmitAsync($"/newsroom/stories/{id}", "#story-form", new() { ["Form.Standfirst"] = "Ana's standfirst." }, "action=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var clash = await second.PostFormAsync(stalePage.QuerySelector("#story-form")!, $"/newsroom/stories/{id}", new() { ["Form.Standfirst"] = "Ben's standfirst." }, "action=save");
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var doc = await Html.ParseAsync(clash);
        Assert.Contains("Ana First saved this story", doc.QuerySelector(".nr-conflict h2").Text());
        var row = doc.QuerySelectorAll(".nr-conflict tbody tr").Single(r => r.QuerySelector("th").Text() == "Standfirst");
        Assert.Equal("Ana's standfirst.", row.QuerySelectorAll("td")[0].Text());
        Assert.Equal("Ben's standfirst.", row.QuerySelectorAll("td")[1].Text());
        Assert.Equal("Ana's standfirst.", app.WithDb(db => db.Articles.Single(a => a.Id == id).Standfirst));

        // Saving the merged form again is a deliberate overwrite, and goes through.
        var merged = await second.PostFormAsync(doc.QuerySelector("#story-form")!, $"/newsroom/stories/{id}", new() { ["Form.Standfirst"] = "Both of ours." }, "action=save");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal("Both of ours.", app.WithDb(db => db.Articles.Single(a => a.Id == id).Standfirst));
    }

    [Fact]
    public async Task Autosave_AnswersInJson_AndNeedsTheCsrfToken()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var id = IdFrom(await editor.SubmitAsync("/newsroom/stories/new", "#story-form", Story("Autosaved"), "action=save"));
        var token = await editor.CsrfTokenAsync($"/newsroom/stories/{id}");
        var fields = new Dictionary<string, string>(Story("Autosaved, twice")) { ["Form.Version"] = "1" };

        var forged = await editor.Http.PostAsync($"/newsroom/stories/{id}?handler=Autosave", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/newsroom/stories/{id}?handler=Autosave") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await editor.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.Equal(2, json["version"]!.GetValue<int>());
        Assert.Equal("Autosaved, twice", app.WithDb(db => db.Articles.Single(a => a.Id == id).Headline));
    }

    [Fact]
    public async Task ExpiredSession_AutosaveGets401_NotARedirect()
    {
        var visitor = app.Visitor();
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/stories/1?handler=Autosave") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Accept", "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task PreviewLink_ShowsTheDraftToAnyone_Noindexed()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var id = IdFrom(await editor.SubmitAsync("/newsroom/stories/new", "#story-form", Story("Not out yet"), "action=save"));
        var shared = await editor.SubmitAsync($"/newsroom/stories/{id}", "#story-form", [], "action=share");
        var page = await editor.GetPageAsync(shared.Headers.Location!.OriginalString);
        var link = new Uri(page.QuerySelector("#share-link")!.GetAttribute("value")!).PathAndQuery;

        var response = await app.Reader().GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        var doc = await Html.ParseAsync(response);
        Assert.Equal("Not out yet", doc.QuerySelector("h1").Text());
        Assert.NotNull(doc.QuerySelector(".preview-banner"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(link + "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync("/culture/film-tv/not-out-yet")).StatusCode);
    }

    [Fact]
    public async Task ThePreview_RendersAPublishedStoryExactlyAsItsPublicPage_LibraryPictureAndRelatedStoriesIncluded()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var (id, path) = app.WithDb(db => db.Articles.Where(a => a.Status == Masthead.Core.Articles.ArticleStatus.Published && a.HeroImage!.MediaId != null)
            .OrderBy(a => a.Id).Select(a => new { a.Id, Path = "/" + a.PrimarySection.Path + "/" + a.Slug }).AsEnumerable().Select(a => (a.Id, a.Path)).First());

        var page = (await app.Reader().GetPageAsync(path)).QuerySelector("main")!;
        var preview = (await editor.GetPageAsync($"/newsroom/stories/{id}/preview")).QuerySelector("main")!;
        Assert.NotNull(page.QuerySelector("article.article picture"));
        Assert.NotEmpty(page.QuerySelectorAll(".related a"));
        // The preview says it is one; everything else is the reader's page.
        preview.QuerySelector(".preview-banner")!.Remove();
        Assert.Equal(page.InnerHtml.Trim(), preview.InnerHtml.Trim());
    }
}
