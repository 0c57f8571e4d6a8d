using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>The editor's reason for sending a story back is where the writer looks: on top of the story and on the dashboard.</summary>
public class ReviewCommentTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task ASentBackStory_ShowsTheEditorsComment_OnTopOfTheStory_AndOnTheWritersDashboard()
    {
        var writer = await app.NewsroomAsAsync(Role.Contributor, "Cass Contributor");
        var writerId = app.WithDb(db => db.Users.OrderByDescending(u => u.Id).First().Id);
        var story = await app.StoryAsync("A story that needs a second source", new Editor(writerId, Role.Contributor, "wren-ashdown", "Cass Contributor"));
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, new Editor(writerId, Role.Contributor, "wren-ashdown"), CancellationToken.None)).Value!);
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.RequestChangesAsync(story.Id, "Find a second source for the\nclaim in paragraph three.", null,
            new Editor(0, Role.Editor, null, "Eda Editor"), CancellationToken.None)).Value!);

        var page = await writer.GetPageAsync($"/newsroom/stories/{story.Id}");
        var comment = page.QuerySelector("#review-comment")!;
        Assert.Contains("sent this back", comment.QuerySelector("h2")!.TextContent);
        Assert.Contains("Find a second source for the\nclaim in paragraph three.", comment.TextContent);
        // On top: before the form's first field.
        Assert.True(comment.CompareDocumentPosition(page.QuerySelector("#f-headline")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));

        var dashboard = await writer.GetPageAsync("/newsroom");
        var sentBack = dashboard.QuerySelector("#sent-back")!.ParentElement!;
        var item = sentBack.QuerySelectorAll("li").Single(li => li.TextContent.Contains("A story that needs a second source"));
        Assert.Contains("Find a second source", item.QuerySelector("blockquote")!.TextContent);

        // Submitted again, it leaves the list and the notice.
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(story.Id, null, new Editor(writerId, Role.Contributor, "wren-ashdown"), CancellationToken.None)).Value!);
        Assert.Null((await writer.GetPageAsync($"/newsroom/stories/{story.Id}")).QuerySelector("#review-comment"));
        Assert.DoesNotContain("A story that needs a second source", (await writer.GetPageAsync("/newsroom")).QuerySelector("#sent-back")!.ParentElement!.TextContent);
    }
}
