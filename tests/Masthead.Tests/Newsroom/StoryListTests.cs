using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsroom;

/// <summary>The stories list: search where a newsroom looks for a story, and one action on several stories after a confirmation.</summary>
public class StoryListTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static List<string> Headlines(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".nr-table tbody td:nth-child(2) a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Search_FindsAStoryByItsText_Tag_Byline_AndSection_AndEveryWordMustMatch()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Sol Searcher");
        var word = Unique("quillfeather");
        var inBody = await app.StoryAsync("Body match", body: $"A paragraph that mentions {word} once.");
        var tag = Unique("Tagword");
        var tagged = await app.StoryAsync("Tag match", tags: [tag]);
        var other = await app.StoryAsync("Unrelated story");

        var found = await editor.GetPageAsync($"/newsroom/stories?q={word.ToUpperInvariant()}");
        Assert.Equal(["Body match"], Headlines(found));
        // Machine-readable times as HTML allows them (at most three digits of a second; whole seconds here).
        Assert.All(found.QuerySelectorAll("time[datetime]"), t => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", t.GetAttribute("datetime")!));
        Assert.Equal(["Tag match"], Headlines(await editor.GetPageAsync($"/newsroom/stories?q={tag.ToLowerInvariant()}")));
        // Two words: both must be found, each anywhere (here one in the text, the other in the byline's author name).
        var both = Headlines(await editor.GetPageAsync($"/newsroom/stories?q={word}+ashdown"));
        Assert.Equal(["Body match"], both);
        Assert.Empty(Headlines(await editor.GetPageAsync($"/newsroom/stories?q={word}+{Unique("nowhere")}")));

        // By section name, narrowed with the section filter to the same stories.
        var filmSection = await editor.GetPageAsync("/newsroom/stories?q=film&in=culture/film-tv&status=Draft");
        Assert.Contains("Unrelated story", Headlines(filmSection));
        Assert.Empty(Headlines(await editor.GetPageAsync("/newsroom/stories?q=Unrelated&in=news")));
        Assert.NotEqual(inBody.Id, other.Id);
        Assert.NotEqual(tagged.Id, other.Id);
    }

    [Fact]
    public async Task Search_ShowsAContributorOnlyTheirOwnStories()
    {
        var word = Unique("lanternfish");
        await app.StoryAsync($"Someone else's {word}");
        var contributor = await app.NewsroomAsAsync(Role.Contributor, "Cy Contributor");
        var me = app.EditorFor(app.NewestUser().Id);
        await app.StoryAsync($"My own {word}", me);
        Assert.Equal([$"My own {word}"], Headlines(await contributor.GetPageAsync($"/newsroom/stories?q={word}")));
    }

    private static async Task<HttpResponseMessage> BulkAsync(NewsroomClient client, IEnumerable<int> ids, string action, bool confirmed,
        string? tag = null, string? moveTo = null)
    {
        var token = await client.CsrfTokenAsync("/newsroom/stories");
        var fields = ids.Select(id => new KeyValuePair<string, string>("Ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        fields.Add(new("Action", action));
        fields.Add(new("Tag", tag ?? ""));
        fields.Add(new("MoveTo", moveTo ?? ""));
        if (confirmed) fields.Add(new("confirmed", "true"));
        fields.Add(new("__RequestVerificationToken", token));
        return await client.Http.PostAsync("/newsroom/stories?handler=Bulk", new FormUrlEncodedContent(fields));
    }

    private ArticleStatus StatusOf(int id) => app.WithDb(db => db.Articles.Single(a => a.Id == id).Status);

    [Fact]
    public async Task BulkUnpublish_AsksFirst_NamingEachStory_ThenUnpublishesThemAll()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Bea Bulk");
        var one = await app.PublishAsync((await app.StoryAsync(Unique("First to go "))).Id);
        var two = await app.PublishAsync((await app.StoryAsync(Unique("Second to go "))).Id);

        var asked = await BulkAsync(editor, [one.Id, two.Id], "Unpublish", confirmed: false);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = (await Html.ParseAsync(asked)).QuerySelector("#bulk-confirm")!;
        Assert.Contains(one.Headline, confirm.TextContent);
        Assert.Contains(two.Headline, confirm.TextContent);
        Assert.Equal(ArticleStatus.Published, StatusOf(one.Id));

        // The confirmation's own form, as the browser would post it.
        var page = await Html.ParseAsync(asked);
        var form = page.QuerySelector("#bulk-confirm form")!;
        var done = await editor.PostFormAsync(form, "/newsroom/stories", [], "confirmed=true");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("2 of 2 stories done", (await Html.ParseAsync(done)).QuerySelector("#bulk-report")!.TextContent);
        Assert.Equal(ArticleStatus.Unpublished, StatusOf(one.Id));
        Assert.Equal(ArticleStatus.Unpublished, StatusOf(two.Id));
        Assert.Equal(HttpStatusCode.Gone, (await app.Reader().GetAsync($"/culture/film-tv/{one.Slug}")).StatusCode);
    }

    [Fact]
    public async Task BulkMoveAndTag_ChangeEachStory_AndReportAStoryWithPendingChangesInsteadOfChangingIt()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Ari Arranger");
        var draft = await app.StoryAsync(Unique("A draft to move "));
        var kept = Unique("Kept tag ");
        var live = await app.PublishAsync((await app.StoryAsync(Unique("A live story to move "), tags: [kept])).Id);
        var withPending = await app.PublishAsync((await app.StoryAsync(Unique("A story with pending changes "))).Id);
        await app.UseAsync<SaveArticle, Article>(async s => (await s.UpdateAsync(withPending.Id, new ArticleInput { Standfirst = "Not yet live." }, null,
            Editor.System, CancellationToken.None, EditMode.WorkingCopyOnly)).Value!);

        var moved = await BulkAsync(editor, [draft.Id, live.Id, withPending.Id], "MoveToSection", confirmed: true, moveTo: "news");
        var report = (await Html.ParseAsync(moved)).QuerySelector("#bulk-report")!;
        Assert.Contains("2 of 3 stories done", report.TextContent);
        Assert.Contains("pending changes", report.QuerySelector("li")!.TextContent);
        Assert.Equal(["news", "news", "culture/film-tv"], app.WithDb(db => new[] { draft.Id, live.Id, withPending.Id }
            .Select(id => db.Articles.Include(a => a.PrimarySection).Single(a => a.Id == id).PrimarySection.Path).ToList()));

        var tag = Unique("Bulk tag ");
        await BulkAsync(editor, [draft.Id, live.Id], "AddTag", confirmed: true, tag: tag);
        Assert.All(new[] { draft.Id, live.Id }, id => Assert.Contains(tag, app.WithDb(db => db.Articles.Where(a => a.Id == id).SelectMany(a => a.Tags).Select(t => t.Tag.Name).ToList())));
        // Tags already on a story stay on it.
        Assert.Equal([kept, tag], app.WithDb(db => db.Articles.Where(a => a.Id == live.Id).SelectMany(a => a.Tags).Select(t => t.Tag.Name).ToList())
            .OrderBy(n => n == kept ? 0 : 1));
    }

    [Fact]
    public async Task BulkActions_FollowTheRulesForOneStory_AContributorCannotUnpublish_AndTheirTagOnALiveStoryWaitsForReview()
    {
        var contributor = await app.NewsroomAsAsync(Role.Contributor, "Col Contributor");
        var me = app.EditorFor(app.NewestUser().Id);
        var mine = await app.PublishAsync((await app.StoryAsync(Unique("My live story "), me)).Id);

        var refused = await BulkAsync(contributor, [mine.Id], "Unpublish", confirmed: true);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ArticleStatus.Published, StatusOf(mine.Id));

        var tag = Unique("Contributor tag ");
        var tagged = await BulkAsync(contributor, [mine.Id], "AddTag", confirmed: true, tag: tag);
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        // The live story keeps its tags; the new tag is in its working copy, for an editor to review.
        Assert.DoesNotContain(tag, app.WithDb(db => db.Articles.Where(a => a.Id == mine.Id).SelectMany(a => a.Tags).Select(t => t.Tag.Name).ToList()));
        Assert.Contains(tag, app.WithDb(db => db.PendingChanges.Single(p => p.ArticleId == mine.Id).Snapshot));
    }

    [Fact]
    public async Task BulkActions_RefuseAnIncompleteRequest_WithAMessage_AndChangeNothing()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Ned Nothing");
        var story = await app.StoryAsync(Unique("Untouched "));
        var before = app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Version);

        var noTag = await BulkAsync(editor, [story.Id], "AddTag", confirmed: true, tag: " ");
        Assert.Equal(HttpStatusCode.BadRequest, noTag.StatusCode);
        Assert.Contains("Name the tag to add.", (await Html.ParseAsync(noTag)).QuerySelector("#error-summary")!.TextContent);
        var noStories = await BulkAsync(editor, [], "Submit", confirmed: true);
        Assert.Contains("Choose at least one story.", (await Html.ParseAsync(noStories)).QuerySelector("#error-summary")!.TextContent);
        Assert.Equal(before, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Version));
    }
}
