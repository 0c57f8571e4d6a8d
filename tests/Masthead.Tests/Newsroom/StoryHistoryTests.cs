using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/stories/{id}/history: every revision, a field-by-field and line-by-line comparison, and restore.</summary>
public class StoryHistoryTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private async Task<(NewsroomClient Writer, int Id)> StoryWithThreeVersionsAsync(string headline)
    {
        var writer = await app.NewsroomAsAsync(Role.Author, "Hana History");
        var me = app.EditorFor(app.NewestUser().Id);
        var story = await app.StoryAsync(headline, me, body: "The council met on Monday.\n\nIt voted to keep the library open.\n\nThe vote was close.");
        await writer.SubmitAsync($"/newsroom/stories/{story.Id}", "#story-form",
            new() { ["Form.Body"] = "The council met on Tuesday.\n\nIt voted to keep the library open.\n\nThe vote was close." }, "action=save");
        await writer.SubmitAsync($"/newsroom/stories/{story.Id}", "#story-form",
            new() { ["Form.Headline"] = headline + ", again", ["Form.Body"] = "The council met on Tuesday.\n\nIt voted to keep the library open.\n\nThe vote was close.\n\nCampaigners cheered." }, "action=save");
        return (writer, story.Id);
    }

    [Fact]
    public async Task Writer_ComparesAnyTwoVersions_AndRestoresOne()
    {
        var (writer, id) = await StoryWithThreeVersionsAsync("Library stays open");
        var history = await writer.GetPageAsync($"/newsroom/stories/{id}/history");
        var rows = history.QuerySelectorAll("#revisions tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Contains("Version 3 (latest)", rows[0].QuerySelector("th").Text());
        Assert.Equal("Hana History", rows[0].QuerySelectorAll("td")[0].Text());
        Assert.Null(rows[0].QuerySelector("form")); // the latest is the story as it is

        // By default the page shows what the last save changed.
        Assert.Contains("Version 2 compared with version 3", history.QuerySelector("#compare-title").Text());

        var v1 = rows[2].Id!["revision-".Length..];
        var v3 = rows[0].Id!["revision-".Length..];
        var compare = await writer.GetPageAsync($"/newsroom/stories/{id}/history?from={v3}&to={v1}"); // either way round
        Assert.Contains("Version 1 compared with version 3", compare.QuerySelector("#compare-title").Text());
        var headline = compare.QuerySelectorAll(".nr-compare tbody tr").Single(r => r.QuerySelector("th").Text().StartsWith("Headline", StringComparison.Ordinal));
        Assert.Contains("changed", headline.QuerySelector("th").Text());
        Assert.Equal("Library stays open", headline.QuerySelectorAll("td")[0].Text());
        Assert.Equal("Library stays open, again", headline.QuerySelectorAll("td")[1].Text());
        var section = compare.QuerySelectorAll(".nr-compare tbody tr").Single(r => r.QuerySelector("th").Text() == "Section");
        Assert.Equal("(same)", section.QuerySelectorAll("td")[1].Text());

        // The body as lines: removed and added ones are <del>/<ins> with a visible mark and words for screen readers.
        var removed = compare.QuerySelectorAll(".nr-diff del").Select(d => d.Text()).ToList();
        var added = compare.QuerySelectorAll(".nr-diff ins").Select(d => d.Text()).Where(t => t != "+Added:").ToList(); // less the blank line before the new paragraph
        Assert.Equal(["−Removed: The council met on Monday."], removed);
        Assert.Equal(["+Added: The council met on Tuesday.", "+Added: Campaigners cheered."], added);
        Assert.All(compare.QuerySelectorAll(".nr-diff ins, .nr-diff del"), e => Assert.NotNull(e.QuerySelector(".visually-hidden")));

        // Restore version 1: the story reads as it did, and the restore is itself version 4.
        var restoreForm = (await writer.GetPageAsync($"/newsroom/stories/{id}/history")).QuerySelector($"#revision-{v1} form")!;
        var restored = await writer.PostFormAsync(restoreForm, $"/newsroom/stories/{id}/history", []);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.StartsWith($"/newsroom/stories/{id}?saved=Version%201%20restored", restored.Headers.Location!.OriginalString);
        var story = app.WithDb(db => db.Articles.Single(a => a.Id == id));
        Assert.Equal("Library stays open", story.Headline);
        Assert.StartsWith("The council met on Monday.", story.BodyMarkdown);
        Assert.Equal(4, app.WithDb(db => db.ArticleRevisions.Count(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task StaleRestore_AndAnotherStorysRevision_AreRefused_AndChangeNothing()
    {
        var (writer, id) = await StoryWithThreeVersionsAsync("Harbour wall repaired");
        var stalePage = await writer.GetPageAsync($"/newsroom/stories/{id}/history");
        var oldest = stalePage.QuerySelectorAll("#revisions tbody tr")[2];
        // Someone saves in the meantime.
        await writer.SubmitAsync($"/newsroom/stories/{id}", "#story-form", new() { ["Form.Standfirst"] = "A newer standfirst." }, "action=save");
        var before = await DbFingerprint.TakeAsync(app.Services);

        var stale = await writer.PostFormAsync(oldest.QuerySelector("form")!, $"/newsroom/stories/{id}/history", []);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone saved the story after you opened this page", (await Html.ParseAsync(stale)).QuerySelector("#error-summary").Text());

        var other = await app.StoryAsync("Someone else's story");
        var foreign = app.WithDb(db => db.ArticleRevisions.Single(r => r.ArticleId == other.Id).Id);
        before = await DbFingerprint.TakeAsync(app.Services);
        var notHis = await writer.GetAsyncStatus($"/newsroom/stories/{id}/history?from={foreign}");
        Assert.Equal(HttpStatusCode.NotFound, notHis);
        var version = app.WithDb(db => db.Articles.Single(a => a.Id == id).Version);
        var wrongRestore = await writer.PostWithTokenAsync($"/newsroom/stories/{id}/history?handler=Restore", new() { ["revision"] = foreign.ToString(), ["version"] = version.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, wrongRestore.StatusCode);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task SomeoneWhoMayNotEditTheStory_CanNeitherSeeNorRestoreItsHistory()
    {
        var (_, id) = await StoryWithThreeVersionsAsync("Only mine to restore");
        var otherAuthor = await app.NewsroomAsAsync(Role.Author);
        Assert.StartsWith("/newsroom/forbidden", (await otherAuthor.Http.GetAsync($"/newsroom/stories/{id}/history")).Headers.Location!.PathAndQuery);
        var oldest = app.WithDb(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Version).First().Id);
        var version = app.WithDb(db => db.Articles.Single(a => a.Id == id).Version);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var forged = await otherAuthor.PostWithTokenAsync($"/newsroom/stories/{id}/history?handler=Restore", new() { ["revision"] = oldest.ToString(), ["version"] = version.ToString() });
        Assert.StartsWith("/newsroom/forbidden", forged.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));

        // An editor may.
        var editor = await app.NewsroomAsAsync(Role.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync($"/newsroom/stories/{id}/history")).StatusCode);
    }
}
