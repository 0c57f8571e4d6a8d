using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Articles;

/// <summary>
/// A story readers see (or an editor approved) changes only by someone allowed to publish it, on purpose: autosave
/// and people without that right write pending changes, which go through review like a new story. Runs on both databases.
/// </summary>
public class PendingChangesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static object Draft(string headline) => new { headline, standfirst = "The standfirst as reviewed.", section = "news", bylines = new[] { "wren-ashdown" } };

    private async Task<string> PublicHtmlAsync(string url)
    {
        var response = await app.Reader().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> ETagAsync(HttpClient client, int id) =>
        (await client.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();

    [Fact]
    public async Task ContributorPatch_OnTheirPublishedStory_IsPendingUntilAnEditorApprovesIt()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await contributor.PostJsonAsync("/api/admin/articles", Draft("A published story a contributor edits"), 201);
        var id = created["id"]!.GetValue<int>();
        await app.PublishAsync(id);
        var url = (await contributor.GetFromJsonNodeAsync($"/api/admin/articles/{id}"))["url"]!.GetValue<string>();
        await PublicHtmlAsync(url); // warm the page cache: the edit must not reach it either
        var versionBefore = app.WithDb(db => db.Articles.Single(a => a.Id == id).Version);

        var patch = await contributor.PatchJsonAsync($"/api/admin/articles/{id}", new { standfirst = "An unreviewed claim." }, await ETagAsync(contributor, id));
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        var body = await patch.ReadNodeAsync();
        Assert.Equal("published", body["status"]!.GetValue<string>());
        Assert.Equal("The standfirst as reviewed.", body["standfirst"]!.GetValue<string>());
        Assert.Equal("An unreviewed claim.", body["pendingChanges"]!["story"]!["standfirst"]!.GetValue<string>());
        Assert.Equal("editing", body["pendingChanges"]!["state"]!.GetValue<string>());

        Assert.DoesNotContain("An unreviewed claim.", await PublicHtmlAsync(url));
        Assert.Equal(versionBefore, app.WithDb(db => db.Articles.Single(a => a.Id == id).Version));
        Assert.Equal("The standfirst as reviewed.", app.WithDb(db => db.Articles.Single(a => a.Id == id).Standfirst));

        // Only an editor can make it live, by approving it once it is sent for review.
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsync($"/api/admin/articles/{id}/approve", ApiJson.Body(new { }))).StatusCode);
        var submitted = await contributor.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);
        Assert.Equal("inReview", submitted["pendingChanges"]!["state"]!.GetValue<string>());
        Assert.Equal("published", submitted["status"]!.GetValue<string>());
        Assert.DoesNotContain("An unreviewed claim.", await PublicHtmlAsync(url));

        var approved = await editor.PostJsonAsync($"/api/admin/articles/{id}/approve", new { }, 200);
        Assert.Null(approved["pendingChanges"]);
        Assert.Equal("An unreviewed claim.", approved["standfirst"]!.GetValue<string>());
        Assert.Contains("An unreviewed claim.", await PublicHtmlAsync(url));
        Assert.Equal(0, app.WithDb(db => db.PendingChanges.Count(p => p.ArticleId == id)));
    }

    [Fact]
    public async Task EditorRequestingChanges_SendsThePendingChangesBack_AndTheLiveStoryStays()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var editor = await app.ClientAsAsync(Role.Editor);
        var id = (await contributor.PostJsonAsync("/api/admin/articles", Draft("Sent back, still live"), 201))["id"]!.GetValue<int>();
        await app.PublishAsync(id);
        var patch = await contributor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "Sent back, rewritten" }, await ETagAsync(contributor, id));
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        await contributor.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);

        var back = await editor.PostJsonAsync($"/api/admin/articles/{id}/request-changes", new { comment = "Source the new headline." }, 200);
        Assert.Equal("changesRequested", back["pendingChanges"]!["state"]!.GetValue<string>());
        Assert.Equal("published", back["status"]!.GetValue<string>());
        Assert.Equal("Sent back, still live", back["headline"]!.GetValue<string>());

        // Discarding leaves the live story exactly as it was.
        var discard = await contributor.DeleteAsync($"/api/admin/articles/{id}/pending");
        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        Assert.Null((await discard.ReadNodeAsync())["pendingChanges"]);
        Assert.Equal("Sent back, still live", app.WithDb(db => db.Articles.Single(a => a.Id == id).Headline));
    }

    [Fact]
    public async Task ContributorPatch_OnAnApprovedScheduledStory_DoesNotGoOutWithTheSchedule()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var editor = await app.ClientAsAsync(Role.Editor);
        var id = (await contributor.PostJsonAsync("/api/admin/articles", Draft("Approved and scheduled"), 201))["id"]!.GetValue<int>();
        await contributor.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);
        await editor.PostJsonAsync($"/api/admin/articles/{id}/approve", new { }, 200);
        await editor.PostJsonAsync($"/api/admin/articles/{id}/schedule", new { publishAt = app.Clock.GetUtcNow().AddHours(1) }, 200);

        var patch = await contributor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "Approved and scheduled, then rewritten unseen" }, await ETagAsync(contributor, id));
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        Assert.Equal("scheduled", (await patch.ReadNodeAsync())["status"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await app.PublishDueAsync() >= 1);
        var live = app.WithDb(db => db.Articles.Single(a => a.Id == id));
        Assert.Equal(ArticleStatus.Published, live.Status);
        Assert.Equal("Approved and scheduled", live.Headline);
        var html = await PublicHtmlAsync((await editor.GetFromJsonNodeAsync($"/api/admin/articles/{id}"))["url"]!.GetValue<string>());
        Assert.DoesNotContain("rewritten unseen", html);
        Assert.Equal(PendingState.Editing, app.WithDb(db => db.PendingChanges.Single(p => p.ArticleId == id).State));
    }

    [Theory]
    [InlineData(Role.Contributor)]
    [InlineData(Role.Author)]
    public async Task WritersTokens_SeeOnlyTheirOwnStories_LikeTheNewsroom(Role role)
    {
        var other = await app.StoryAsync($"Someone else's embargoed draft for {role}");
        var client = await app.ClientAsAsync(role);
        var own = (await client.PostJsonAsync("/api/admin/articles", Draft($"My own draft as {role}"), 201))["id"]!.GetValue<int>();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/admin/articles/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/admin/articles/{own}")).StatusCode);
        var ids = new List<int>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonNodeAsync($"/api/admin/articles?page={page}");
            var items = list["items"]!.AsArray();
            ids.AddRange(items.Select(i => i!["id"]!.GetValue<int>()));
            if (items.Count == 0 || ids.Count >= list["total"]!.GetValue<int>()) break;
        }
        Assert.Contains(own, ids);
        Assert.DoesNotContain(other.Id, ids);
        Assert.DoesNotContain(1, ids); // a demo story, by somebody else

        // Editors read everything, as in the newsroom.
        var editor = await app.ClientAsAsync(Role.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/api/admin/articles/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task Autosave_OnAPublishedStory_KeepsAWorkingCopy_AndUpdateMakesItLive()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Esme Editor");
        var story = await app.StoryAsync("Autosaved while live");
        await app.PublishAsync(story.Id);
        var url = $"/culture/film-tv/{story.Slug}";
        await PublicHtmlAsync(url);
        var page = await editor.GetPageAsync($"/newsroom/stories/{story.Id}");
        var fields = NewsroomClient.FieldsOf(page.QuerySelector("#story-form")!)
            .Select(f => f.Key == "Form.Standfirst" ? new KeyValuePair<string, string>(f.Key, "Half-typed standf") : f).ToList();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/newsroom/stories/{story.Id}?handler=Autosave") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-CSRF-TOKEN", page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!);
        var autosave = await editor.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, autosave.StatusCode);
        var json = await autosave.ReadNodeAsync();
        Assert.True(json["pending"]!.GetValue<bool>());
        Assert.Equal(1, json["pendingVersion"]!.GetValue<int>());

        Assert.DoesNotContain("Half-typed standf", await PublicHtmlAsync(url));
        Assert.Equal("A standfirst.", app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Standfirst));

        // The editor sees the working copy, with what differs from the live story, and the button says Update.
        var reopened = await editor.GetPageAsync($"/newsroom/stories/{story.Id}");
        Assert.Equal("Half-typed standf", reopened.QuerySelector("#f-standfirst")!.TextContent);
        var row = reopened.QuerySelectorAll("#pending-diff tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Standfirst");
        Assert.Equal("A standfirst.", row.QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("Half-typed standf", row.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("Update", reopened.QuerySelector("button[value=save]")!.TextContent.Trim());

        var update = await editor.PostFormAsync(reopened.QuerySelector("#story-form")!, $"/newsroom/stories/{story.Id}",
            new() { ["Form.Standfirst"] = "A finished standfirst." }, "action=save");
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        Assert.Contains("A finished standfirst.", await PublicHtmlAsync(url));
        Assert.Equal(0, app.WithDb(db => db.PendingChanges.Count(p => p.ArticleId == story.Id)));
    }

    [Fact]
    public async Task ContributorsNewsroomEdit_ToALiveStory_GoesThroughReview_AndTheEditorSeesTheDifference()
    {
        var contributor = await app.NewsroomAsAsync(Role.Contributor, "Cass Contributor");
        var me = app.EditorFor(app.NewestUser().Id);
        var story = await app.StoryAsync("A contributor's live story", me);
        await app.PublishAsync(story.Id);
        var url = $"/culture/film-tv/{story.Slug}";

        var page = await contributor.GetPageAsync($"/newsroom/stories/{story.Id}");
        Assert.Equal("Save changes", page.QuerySelector("button[value=save]")!.TextContent.Trim());
        var sent = await contributor.PostFormAsync(page.QuerySelector("#story-form")!, $"/newsroom/stories/{story.Id}",
            new() { ["Form.Body"] = "First paragraph.\n\nA new second paragraph, unreviewed." }, "action=submit");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.DoesNotContain("unreviewed", await PublicHtmlAsync(url));
        var live = app.WithDb(db => db.Articles.Include(a => a.Pending).Single(a => a.Id == story.Id));
        Assert.Equal(ArticleStatus.Published, live.Status);
        Assert.Equal(PendingState.InReview, live.Pending!.State);

        var editor = await app.NewsroomAsAsync(Role.Editor, "Rory Reviewer");
        var review = await editor.GetPageAsync($"/newsroom/stories/{story.Id}");
        var added = review.QuerySelectorAll("#pending-changes .nr-diff-add").Select(l => l.TextContent).ToList();
        var removed = review.QuerySelectorAll("#pending-changes .nr-diff-del").Select(l => l.TextContent).ToList();
        Assert.Contains(added, l => l.Contains("A new second paragraph, unreviewed."));
        Assert.Contains(removed, l => l.Contains("Second paragraph."));
        Assert.Equal("Approve and publish changes", review.QuerySelector("button[value=approve]")!.TextContent.Trim());

        var approve = await editor.PostFormAsync(review.QuerySelector("#story-form")!, $"/newsroom/stories/{story.Id}", [], "action=approve");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("A new second paragraph, unreviewed.", await PublicHtmlAsync(url));
    }

    [Fact]
    public async Task AWriterWithoutAnAuthorProfile_GetsOne_AndCanSave()
    {
        // Through the API: a token of someone nobody linked to an author.
        var email = await app.NewUserAsync(Role.Contributor, "Noor Unlinked", linkAuthor: false);
        var token = await app.UseAsync<AccountService, string>(async a => (await a.CreateTokenAsync(email, "tests", CancellationToken.None)).Value!);
        var api = app.Reader();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var created = await api.PostJsonAsync("/api/admin/articles", new { headline = "My first story", section = "news" }, 201);
        Assert.Equal("noor-unlinked", created["bylines"]![0]!["slug"]!.GetValue<string>());
        Assert.Equal("Noor Unlinked", created["bylines"]![0]!["name"]!.GetValue<string>());

        // In the newsroom: the first sign-in makes the profile, and a new story's byline is the writer.
        var newcomer = app.Visitor();
        var second = await app.NewUserAsync(Role.Author, "Ola Newcomer", linkAuthor: false);
        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.SignInAsync(second, MastheadAppFactory.TestPassword)).StatusCode);
        var page = await newcomer.GetPageAsync("/newsroom/stories/new");
        Assert.Equal("ola-newcomer", page.QuerySelector("[name='Form.Bylines[0]']")!.QuerySelector("option[selected]")?.GetAttribute("value")
            ?? page.QuerySelector("[name='Form.Bylines[0]']")!.GetAttribute("value"));
        var saved = await newcomer.SubmitAsync("/newsroom/stories/new", "#story-form", new() { ["Form.Headline"] = "Saved at once" }, "action=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task AnAdmin_LinksAnAccountToAnAuthorProfile_AndItsNewStoriesCarryThatByline()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var email = await app.NewUserAsync(Role.Contributor, "Pat Pseudonym", linkAuthor: false);
        var id = app.WithDb(db => db.Users.Single(u => u.Email == email).Id);
        var people = await admin.GetPageAsync("/newsroom/people");
        var form = people.QuerySelector($"#person-{id} form[action*='handler=Author']")!;
        var linked = await admin.PostFormAsync(form, "/newsroom/people", new() { ["author"] = "priya-mahendran" });
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        var writer = app.Visitor();
        await writer.SignInAsync(email, MastheadAppFactory.TestPassword);
        var page = await writer.GetPageAsync("/newsroom/stories/new");
        Assert.Equal("priya-mahendran", page.QuerySelector("[name='Form.Bylines[0]'] option[selected]")!.GetAttribute("value"));
    }
}
