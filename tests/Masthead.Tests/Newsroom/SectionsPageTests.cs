using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/sections: the tree, create, edit (moving a section moves its sub-sections), reorder and delete.</summary>
public class SectionsPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static Dictionary<string, string> Section(string name, string parent, string slug = "", string description = "") => new()
    {
        ["Form.Name"] = name, ["Form.Slug"] = slug, ["Form.Parent"] = parent, ["Form.Description"] = description, ["Form.Order"] = "",
    };

    private int IdOf(string path) => app.WithDb(db => db.Sections.Single(s => s.Path == path).Id);

    [Fact]
    public async Task Editor_CreatesMovesReordersAndDeletes_AndPathsFollow()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Sasha Sections");
        var created = await editor.SubmitAsync("/newsroom/sections/new", "#section-form", Section("Long Reads", "culture", description: "Slow journalism."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/newsroom/sections?done=created", created.Headers.Location!.OriginalString);
        var longReads = IdOf("culture/long-reads");
        await editor.SubmitAsync("/newsroom/sections/new", "#section-form", Section("Essays", "culture/long-reads"));
        var essays = IdOf("culture/long-reads/essays");
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/culture/long-reads/essays")).StatusCode);

        // Moving Long Reads under Life takes Essays with it.
        var moved = await editor.SubmitAsync($"/newsroom/sections/{longReads}", "#section-form", new() { ["Form.Parent"] = "life", ["Form.Slug"] = "long-form" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("life/long-form/essays", app.WithDb(db => db.Sections.Single(s => s.Id == essays).Path));
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync("/life/long-form/essays")).StatusCode);
        // The old address follows it (MovedSectionTests has the rest).
        var old = await app.Reader().GetAsync("/culture/long-reads/essays");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/life/long-form/essays", old.Headers.Location?.OriginalString);

        // It went last among Life's sections; one press of "Up" puts it before the one that was last.
        var list = await editor.GetPageAsync("/newsroom/sections");
        var lifeRows = list.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td a").Text()).Where(p => p.StartsWith("/life/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2).ToList();
        Assert.Equal("/life/long-form", lifeRows[^1]);
        var up = list.QuerySelector($"#section-{longReads} button[value=up]")!.Closest("form")!;
        var reordered = await editor.PostFormAsync(up, "/newsroom/sections", [], "direction=up");
        Assert.Equal(HttpStatusCode.Redirect, reordered.StatusCode);
        var after = await editor.GetPageAsync("/newsroom/sections");
        lifeRows = after.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td a").Text()).Where(p => p.StartsWith("/life/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2).ToList();
        Assert.Equal("/life/long-form", lifeRows[^2]);

        // Essays is empty, so it can go.
        var deleted = await editor.SubmitAsync($"/newsroom/sections/{essays}", "#delete-form", []);
        Assert.Equal("/newsroom/sections?done=deleted", deleted.Headers.Location!.OriginalString);
        Assert.False(app.WithDb(db => db.Sections.Any(s => s.Id == essays)));

        var actions = app.WithDb(db => db.AuditEvents.Where(e => e.EntityType == "section" && e.UserName == "Sasha Sections").OrderBy(e => e.Id).Select(e => e.Action).ToList());
        Assert.Equal(["created a section", "created a section", "edited a section", "moved a section up", "deleted a section"], actions);
    }

    [Fact]
    public async Task BadSlug_AndDeletingASectionWithStories_AreRefusedWithAClearMessage_AndChangeNothing()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var uk = IdOf("news/uk");
        var before = await DbFingerprint.TakeAsync(app.Services);

        var badSlug = await editor.SubmitAsync($"/newsroom/sections/{uk}", "#section-form", new() { ["Form.Slug"] = "Not A Slug!" });
        Assert.Equal(HttpStatusCode.BadRequest, badSlug.StatusCode);
        var page = await Html.ParseAsync(badSlug);
        Assert.Contains("not a valid slug", page.QuerySelector("#error-summary").Text());
        Assert.Equal("true", page.QuerySelector("#f-slug")!.GetAttribute("aria-invalid"));
        Assert.Contains("err-slug", page.QuerySelector("#f-slug")!.GetAttribute("aria-describedby"));
        Assert.Equal("Not A Slug!", page.QuerySelector("#f-slug")!.GetAttribute("value")); // what was typed stays

        var badOrder = await editor.SubmitAsync($"/newsroom/sections/{uk}", "#section-form", new() { ["Form.Order"] = "first" });
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
        Assert.Contains("order must be a whole number", (await Html.ParseAsync(badOrder)).QuerySelector("#err-sortOrder").Text());

        var intoItself = await editor.SubmitAsync($"/newsroom/sections/{IdOf("news")}", "#section-form", new() { ["Form.Parent"] = "news/uk" });
        Assert.Equal(HttpStatusCode.BadRequest, intoItself.StatusCode);

        var notEmpty = await editor.SubmitAsync($"/newsroom/sections/{uk}", "#delete-form", []);
        Assert.Equal(HttpStatusCode.BadRequest, notEmpty.StatusCode);
        var message = (await Html.ParseAsync(notEmpty)).QuerySelector("#error-summary").Text();
        Assert.Contains("UK", message);
        Assert.Contains("stories", message);
        Assert.Contains("only an empty section can be deleted", message);

        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Theory]
    [InlineData(Role.Contributor)]
    [InlineData(Role.Author)]
    public async Task WritersAreRefused_EvenWithAHandMadeForm(Role role)
    {
        var writer = await app.NewsroomAsAsync(role);
        var list = await writer.Http.GetAsync("/newsroom/sections");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.StartsWith("/newsroom/forbidden", list.Headers.Location!.PathAndQuery);
        Assert.Null((await writer.GetPageAsync("/newsroom")).QuerySelector(".nr-nav a[href='/newsroom/sections']"));

        var before = await DbFingerprint.TakeAsync(app.Services);
        var forged = await writer.PostWithTokenAsync("/newsroom/sections/new", Section("Sneaky", ""));
        Assert.StartsWith("/newsroom/forbidden", forged.Headers.Location!.PathAndQuery);
        var move = await writer.PostWithTokenAsync("/newsroom/sections?handler=Move", new() { ["id"] = IdOf("news/world").ToString(), ["direction"] = "up" });
        Assert.StartsWith("/newsroom/forbidden", move.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }
}
