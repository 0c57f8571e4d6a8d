using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// Nothing half-typed or unreviewed reaches readers, clicked through in Chromium as editors and writers work: autosave
/// on a live story, the page's own buttons without a "Leave site?" prompt, no stale "kept changes" banner, a writer
/// without an author profile, and a contributor's edit to a live story going through review to publication.
/// </summary>
public class PendingChangesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // Autosave runs four seconds after the last keystroke; generous waits keep a busy machine from failing the test.
    private static readonly LocatorAssertionsToContainTextOptions Patient = new() { Timeout = 30_000 };

    private async Task<string> PublicPageAsync(IBrowserContext context, string path)
    {
        var reader = await context.NewPageAsync();
        var response = await reader.GotoAsync(app.BaseAddress + path);
        Assert.Equal(200, response!.Status);
        var html = await reader.ContentAsync();
        await reader.CloseAsync();
        return html;
    }

    /// <summary>Dialogs the page opened (a "Leave site?" prompt among them); each is accepted so nothing is held up.</summary>
    private static List<string> RecordDialogs(IPage page)
    {
        var seen = new List<string>();
        page.Dialog += async (_, dialog) => { seen.Add(dialog.Type); await dialog.AcceptAsync(); };
        return seen;
    }

    [Fact]
    public async Task Autosave_OnAPublishedStory_NeverReachesReaders_AndUpdateDoes_WithoutPromptsOrBanners()
    {
        var story = await app.StoryAsync($"Live and autosaved {Guid.NewGuid():N}"[..30]);
        await app.PublishAsync(story.Id);
        var path = $"/culture/film-tv/{story.Slug}";
        var editor = await app.SignedInAsync(Role.Editor, "Edie Autosave");
        var readers = await app.Browser.NewContextAsync();
        Assert.Contains("A standfirst.", await PublicPageAsync(readers, path));
        var dialogs = RecordDialogs(editor);

        await editor.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await editor.GetByLabel("Standfirst").FillAsync("Half-typed and unche");
        await Assertions.Expect(editor.Locator("#save-state")).ToContainTextAsync("Pending changes saved at", Patient);
        Assert.DoesNotContain("Half-typed and unche", await PublicPageAsync(readers, path));

        // Typing more, then the page's own Update: no "Leave site?" prompt, and the finished text goes live.
        await editor.GetByLabel("Standfirst").FillAsync("Finished, and checked twice.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await editor.WaitForURLAsync("**saved=*");
        Assert.Empty(dialogs);
        Assert.Contains("Finished, and checked twice.", await PublicPageAsync(readers, path));
        // The post saved everything: the browser's kept copy is not offered back.
        Assert.Equal(0, await editor.GetByText("This browser kept changes that were not saved").CountAsync());

        // Nor after a workflow action, or on a later visit with no edits.
        await editor.GetByLabel("What changed, for readers").FillAsync("The standfirst was rewritten.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await editor.WaitForURLAsync("**saved=Note*");
        await editor.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        Assert.Equal(0, await editor.GetByText("This browser kept changes that were not saved").CountAsync());
        Assert.Empty(dialogs);
        await readers.CloseAsync();
    }

    [Fact]
    public async Task AWriterWithoutAnAuthorProfile_WritesUnderTheirOwnName_AndAutosaveWorks()
    {
        var writer = await app.SignedInAsync(Role.Author, "Wynn Unlinked", linkAuthor: false);
        await writer.GotoAsync(app.BaseAddress + "/newsroom/stories/new");
        await Assertions.Expect(writer.Locator("#f-byline-0")).ToHaveValueAsync("wynn-unlinked");
        await writer.GetByLabel("Headline").FillAsync("My first story here");
        await Assertions.Expect(writer.Locator("#save-state")).ToContainTextAsync("Saved at", Patient);
        await writer.WaitForURLAsync("**/newsroom/stories/*");
        Assert.Matches(@"/newsroom/stories/\d+$", writer.Url);
    }

    [Fact]
    public async Task AContributorsEdit_ToALiveStory_GoesThroughReview_ThenToReaders()
    {
        var contributor = await app.SignedInAsync(Role.Contributor, "Coral Contributor");
        var me = app.EditorFor(app.NewestUser().Id);
        var story = await app.StoryAsync($"A contributor's live piece {Guid.NewGuid():N}"[..36], me);
        await app.PublishAsync(story.Id);
        var path = $"/culture/film-tv/{story.Slug}";
        var readers = await app.Browser.NewContextAsync();
        var dialogs = RecordDialogs(contributor);

        await contributor.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        await contributor.GetByLabel("Standfirst").FillAsync("A new claim that needs checking.");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Submit changes for review" }).ClickAsync();
        await contributor.WaitForURLAsync("**saved=*");
        Assert.Empty(dialogs);
        await Assertions.Expect(contributor.Locator("#pending-title")).ToHaveTextAsync("Pending changes, waiting for review");
        Assert.DoesNotContain("A new claim that needs checking.", await PublicPageAsync(readers, path));
        Assert.Equal(ArticleStatus.Published, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Status));

        var editor = await app.SignedInAsync(Role.Editor, "Rae Reviewer");
        await editor.GotoAsync($"{app.BaseAddress}/newsroom/stories/{story.Id}");
        var row = editor.Locator("#pending-diff tbody tr", new() { HasText = "Standfirst" });
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("A standfirst.");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("A new claim that needs checking.");
        await Axe.AssertNoViolationsAsync(editor, "the story editor reviewing pending changes");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Approve and publish changes" }).ClickAsync();
        await editor.WaitForURLAsync("**saved=*");
        Assert.Contains("A new claim that needs checking.", await PublicPageAsync(readers, path));
        await readers.CloseAsync();
    }
}
