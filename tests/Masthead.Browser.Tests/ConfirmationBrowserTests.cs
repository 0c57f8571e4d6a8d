using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>Actions that are hard to take back ask first: "No" leaves everything as it was, "Yes" goes ahead.</summary>
public class ConfirmationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Unpublish_AsksFirst_AndNoKeepsTheStoryLive()
    {
        var story = await app.StoryAsync($"Asked before it goes {Guid.NewGuid():N}"[..32]);
        await app.PublishAsync(story.Id);
        var editor = await app.SignedInAsync(Role.Editor, "Edie Careful");
        var questions = new List<string>();
        var answer = false;
        editor.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (answer) await dialog.AcceptAsync();
            else await dialog.DismissAsync();
        };

        await editor.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Unpublish", Exact = true }).ClickAsync();
        Assert.Single(questions);
        Assert.StartsWith("Take this story off the site?", questions[0]);
        Assert.Equal(ArticleStatus.Published, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Status));
        Assert.EndsWith($"/newsroom/stories/{story.Id}", editor.Url);

        answer = true;
        await editor.GetByRole(AriaRole.Button, new() { Name = "Unpublish", Exact = true }).ClickAsync();
        await editor.WaitForURLAsync("**saved=*");
        Assert.Equal(2, questions.Count);
        Assert.Equal(ArticleStatus.Unpublished, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Status));
    }
}
