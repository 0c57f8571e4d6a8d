using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.Articles;

/// <summary>Duplicating a story makes a new draft with its text and settings; the original is untouched.</summary>
public class DuplicateStoryTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Duplicate_InTheNewsroom_MakesADraftCopy_AtANewAddress_AndLeavesTheLiveStoryAlone()
    {
        var story = await app.StoryAsync("The festival diary, day one", tags: ["Festival"], body: "Morning queue.\n\n## Evening\n\nThe late screening.");
        await app.PublishAsync(story.Id);
        var editor = await app.NewsroomAsAsync(Role.Editor);

        // Edits typed in the form but not saved are not carried over, and not saved as a side effect.
        var form = (await editor.GetPageAsync($"/newsroom/stories/{story.Id}")).QuerySelector("#story-form")!;
        var response = await editor.PostFormAsync(form, $"/newsroom/stories/{story.Id}", new() { ["Form.Standfirst"] = "Typed, never saved." }, "action=duplicate");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var copyId = int.Parse(response.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        Assert.NotEqual(story.Id, copyId);

        var (copy, original) = app.WithDb(db => (
            db.Articles.Where(a => a.Id == copyId).Select(a => new { a.Headline, a.Slug, a.Status, a.BodyMarkdown, a.Standfirst, Tags = a.Tags.Select(t => t.Tag.Slug).ToList() }).Single(),
            db.Articles.Where(a => a.Id == story.Id).Select(a => new { a.Status, a.Standfirst, a.Version }).Single()));
        Assert.Equal("Copy of The festival diary, day one", copy.Headline);
        Assert.Equal(ArticleStatus.Draft, copy.Status);
        Assert.NotEqual(story.Slug, copy.Slug);
        Assert.Equal("Morning queue.\n\n## Evening\n\nThe late screening.", copy.BodyMarkdown);
        Assert.Equal("A standfirst.", copy.Standfirst);
        Assert.Equal(["festival"], copy.Tags);
        Assert.Equal(ArticleStatus.Published, original.Status);
        Assert.Equal("A standfirst.", original.Standfirst);

        var page = await editor.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("copied from “The festival diary, day one”", page.QuerySelector("#save-state")!.TextContent);
    }

    [Fact]
    public async Task Duplicate_ThroughTheApi_AnswersWithTheNewDraft_AndAContributorSignsItAlone()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var created = await contributor.PostJsonAsync("/api/admin/articles", new { headline = "A contributor's piece", section = "news" }, 201);
        var copy = await contributor.PostJsonAsync($"/api/admin/articles/{created["id"]}/duplicate", new { }, 201);
        Assert.Equal("Copy of A contributor's piece", copy["headline"]!.GetValue<string>());
        Assert.Equal("draft", copy["status"]!.GetValue<string>());
        Assert.Equal(["wren-ashdown"], copy["bylines"]!.AsArray().Select(b => b!["slug"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await contributor.PostAsync("/api/admin/articles/999999/duplicate", ApiJson.Body(new { }))).StatusCode);
    }
}
