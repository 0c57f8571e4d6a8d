using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/tags: counts, rename, merge (one copy of the target per story, old address redirects) and delete.</summary>
public class TagsPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private int TagId(string slug) => app.WithDb(db => db.Tags.Single(t => t.Slug == slug).Id);

    private List<string> TagsOf(int articleId) => app.WithDb(db => db.Set<ArticleTag>().Where(l => l.ArticleId == articleId).Select(l => l.Tag.Slug).OrderBy(s => s).ToList());

    [Fact]
    public async Task Editor_RenamesMergesAndDeletes_AndOldAddressesRedirect()
    {
        var both = await app.StoryAsync("Carries both tags", tags: ["Street Food", "Food Stalls"]);
        var one = await app.StoryAsync("Carries the source only", tags: ["Food Stalls", "Markets"]);
        var editor = await app.NewsroomAsAsync(Role.Editor, "Tam Tags");

        var list = await editor.GetPageAsync("/newsroom/tags?q=food");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th").Text() == "Food Stalls");
        Assert.Equal("2", row.QuerySelectorAll("td")[1].Text());

        // Merge "Food Stalls" into "Street Food": the story that had both keeps one copy.
        var source = TagId("food-stalls");
        var merged = await editor.SubmitAsync($"/newsroom/tags/{source}", "#merge-form", new() { ["Target"] = TagId("street-food").ToString() });
        Assert.Equal("/newsroom/tags?done=merged", merged.Headers.Location!.OriginalString);
        Assert.Equal(["street-food"], TagsOf(both.Id));
        Assert.Equal(["markets", "street-food"], TagsOf(one.Id));
        Assert.False(app.WithDb(db => db.Tags.Any(t => t.Slug == "food-stalls")));
        var old = await app.Reader().GetAsync("/tag/food-stalls");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/tag/street-food", old.Headers.Location!.OriginalString);

        // Rename with a new slug: both earlier addresses lead to the new one.
        var renamed = await editor.SubmitAsync($"/newsroom/tags/{TagId("street-food")}", "#rename-form", new() { ["Name"] = "Street food", ["Slug"] = "eating-out" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("/tag/eating-out", (await app.Reader().GetAsync("/tag/street-food")).Headers.Location!.OriginalString);
        Assert.Equal("/tag/eating-out", (await app.Reader().GetAsync("/tag/food-stalls")).Headers.Location!.OriginalString);
        Assert.Contains("/tag/food-stalls", (await editor.GetPageAsync($"/newsroom/tags/{TagId("eating-out")}")).QuerySelector("main").Text());

        // A writer typing the old tag gets the tag its stories carry now, not a new duplicate.
        var later = await app.StoryAsync("Tagged the old way", tags: ["Food stalls"]);
        Assert.Equal(["eating-out"], TagsOf(later.Id));

        var deleted = await editor.SubmitAsync($"/newsroom/tags/{TagId("markets")}", "#delete-form", []);
        Assert.Equal("/newsroom/tags?done=deleted", deleted.Headers.Location!.OriginalString);
        Assert.Equal(["eating-out"], TagsOf(one.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync("/tag/markets")).StatusCode);

        var actions = app.WithDb(db => db.AuditEvents.Where(e => e.EntityType == "tag" && e.UserName == "Tam Tags").OrderBy(e => e.Id).Select(e => e.Action).ToList());
        Assert.Equal(["merged a tag", "edited a tag", "deleted a tag"], actions);
    }

    [Fact]
    public async Task TakenSlug_AndMergeWithoutATarget_AreRefusedWithAClearMessage_AndChangeNothing()
    {
        await app.StoryAsync("Two tags for the bad input test", tags: ["Allotments", "Gardens"]);
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var allotments = TagId("allotments");
        var before = await DbFingerprint.TakeAsync(app.Services);

        var taken = await editor.SubmitAsync($"/newsroom/tags/{allotments}", "#rename-form", new() { ["Slug"] = "gardens" });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var page = await Html.ParseAsync(taken);
        Assert.Contains("slug \"gardens\" is already used", page.QuerySelector("#error-summary").Text());
        Assert.Equal("true", page.QuerySelector("#f-slug")!.GetAttribute("aria-invalid"));

        var noName = await editor.SubmitAsync($"/newsroom/tags/{allotments}", "#rename-form", new() { ["Name"] = " " });
        Assert.Contains("name cannot be empty", (await Html.ParseAsync(noName)).QuerySelector("#err-name").Text());

        var noTarget = await editor.SubmitAsync($"/newsroom/tags/{allotments}", "#merge-form", new() { ["Target"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.Contains("Choose the tag to merge into", (await Html.ParseAsync(noTarget)).QuerySelector("#err-target").Text());
        var itself = await editor.SubmitAsync($"/newsroom/tags/{allotments}", "#merge-form", new() { ["Target"] = allotments.ToString() });
        Assert.Contains("cannot be merged into itself", await itself.Content.ReadAsStringAsync());

        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task Contributor_IsRefused_AndAHandMadeMergeChangesNothing()
    {
        await app.StoryAsync("Tags a contributor cannot touch", tags: ["Ferries", "Boats"]);
        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        Assert.StartsWith("/newsroom/forbidden", (await contributor.Http.GetAsync("/newsroom/tags")).Headers.Location!.PathAndQuery);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var forged = await contributor.PostWithTokenAsync($"/newsroom/tags/{TagId("ferries")}?handler=Merge", new() { ["Target"] = TagId("boats").ToString() });
        Assert.StartsWith("/newsroom/forbidden", forged.Headers.Location!.PathAndQuery);
        var delete = await contributor.PostWithTokenAsync($"/newsroom/tags/{TagId("ferries")}?handler=Delete", []);
        Assert.StartsWith("/newsroom/forbidden", delete.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }
}
