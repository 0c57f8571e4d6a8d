using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Common;
using Masthead.Core.Tags;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Search;

/// <summary>
/// The index changes in the same transaction as the story: a publish, edit, unpublish or delete (and a new
/// tag, byline, tag name or author name) is visible to the very next search, with no rebuild in between.
/// </summary>
public class SearchFollowsChangesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private Task<Result<Article>> Workflow(Func<ArticleWorkflow, Task<Result<Article>>> step) => app.UseAsync(step);

    [Fact]
    public async Task Publish_Edit_Unpublish_Republish_Delete()
    {
        var draft = await app.DraftAsync("Pelicandra festival announced", body: "The lineup is still secret.");
        Assert.Empty(await app.IdsAsync("pelicandra"));

        await Workflow(w => w.PublishAsync(draft.Id, null, Editor.System, CancellationToken.None));
        Assert.Equal([draft.Id], await app.IdsAsync("pelicandra"));

        // Edit: the new headline and body are found, the old words are not.
        var edited = await app.UseAsync<SaveArticle, Result<Article>>(s => s.UpdateAsync(draft.Id,
            new ArticleInput { Headline = "Moonwrack festival announced", Body = "The lineup includes a brass orchestra from Quorndale." },
            null, Editor.System, CancellationToken.None));
        Assert.Equal(Outcome.Ok, edited.Outcome);
        Assert.Empty(await app.IdsAsync("pelicandra"));
        Assert.Equal([draft.Id], await app.IdsAsync("moonwrack"));
        Assert.Equal([draft.Id], await app.IdsAsync("quorndale"));
        Assert.DoesNotContain("secret", (await app.SearchAsync("moonwrack")).Hits.Single().SnippetHtml);

        await Workflow(w => w.UnpublishAsync(draft.Id, null, Editor.System, CancellationToken.None));
        Assert.Empty(await app.IdsAsync("moonwrack"));

        await Workflow(w => w.PublishAsync(draft.Id, null, Editor.System, CancellationToken.None));
        Assert.Equal([draft.Id], await app.IdsAsync("moonwrack"));

        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == draft.Id).ExecuteDeleteAsync());
        Assert.Empty(await app.IdsAsync("moonwrack"));
        Assert.DoesNotContain(draft.Id, SearchIndexTests.IndexedIds(app));
    }

    [Fact]
    public async Task Delete_ThroughTheContext_WithTagsAndBylines()
    {
        var story = await app.PublishedAsync("Saltmarrow harbour dredged", bylines: ["wren-ashdown", "rosa-villanueva"], tags: ["Saltmarrow"]);
        Assert.Equal([story.Id], await app.IdsAsync("saltmarrow"));
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Articles.Include(a => a.Tags).Include(a => a.Bylines).SingleAsync(a => a.Id == story.Id);
            db.Articles.Remove(tracked);
            await db.SaveChangesAsync();
        });
        Assert.Empty(await app.IdsAsync("saltmarrow"));
        Assert.DoesNotContain(story.Id, SearchIndexTests.IndexedIds(app));
    }

    [Fact]
    public async Task ScheduledStory_IsIndexedWhenTheSchedulerPublishesIt()
    {
        var draft = await app.DraftAsync("Lanternfold market opens at dawn");
        var at = app.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        Assert.Equal(Outcome.Ok, (await Workflow(w => w.ScheduleAsync(draft.Id, at, null, Editor.System, CancellationToken.None))).Outcome);
        Assert.Empty(await app.IdsAsync("lanternfold"));
        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await app.PublishDueAsync());
        Assert.Equal([draft.Id], await app.IdsAsync("lanternfold"));
    }

    [Fact]
    public async Task TagsAndBylines_ChangedByAnEdit_AreSearchable()
    {
        var story = await app.PublishedAsync("A walk along the old railway", tags: ["Walking"]);
        Assert.Empty(await app.IdsAsync("cindertrack"));
        await app.UseAsync<SaveArticle, Result<Article>>(s => s.UpdateAsync(story.Id,
            new ArticleInput { Tags = ["Walking", "Cindertrack"], Bylines = ["priya-mahendran"] }, null, Editor.System, CancellationToken.None));
        Assert.Equal([story.Id], await app.IdsAsync("cindertrack"));
        var priya = app.WithDb(db => db.Authors.Single(a => a.Slug == "priya-mahendran").Name);
        Assert.Contains(story.Id, await app.IdsAsync($"\"{priya}\" railway"));
    }

    [Fact]
    public async Task SectionFilter_FollowsAStoryMovedToAnotherSection_AndItsOtherSections()
    {
        var story = await app.PublishedAsync("Brindlecombe fair moves indoors", section: "culture/film-tv");
        Assert.Equal([story.Id], await app.IdsAsync("brindlecombe", section: "culture"));
        Assert.Empty(await app.IdsAsync("brindlecombe", section: "news"));

        await Update(story.Id, new ArticleInput { Section = "news/uk" });
        Assert.Empty(await app.IdsAsync("brindlecombe", section: "culture"));
        Assert.Equal([story.Id], await app.IdsAsync("brindlecombe", section: "news"));

        // Also in Books: found under culture again, until it leaves Books.
        await Update(story.Id, new ArticleInput { AlsoIn = ["culture/books"] });
        Assert.Equal([story.Id], await app.IdsAsync("brindlecombe", section: "culture/books"));
        Assert.Equal([story.Id], await app.IdsAsync("brindlecombe", section: "news/uk"));
        await Update(story.Id, new ArticleInput { AlsoIn = [] });
        Assert.Empty(await app.IdsAsync("brindlecombe", section: "culture"));
        Assert.Equal([story.Id], await app.IdsAsync("brindlecombe", section: "news/uk"));
    }

    [Fact]
    public async Task AuthorAndTagFilters_FollowChangedBylinesAndTags()
    {
        var story = await app.PublishedAsync("Quarrymoor ferry timetable", bylines: ["wren-ashdown"], tags: ["Quarrymoor ferries"]);
        Assert.Equal([story.Id], await app.IdsAsync("quarrymoor", author: "wren-ashdown"));
        Assert.Equal([story.Id], await app.IdsAsync("quarrymoor", tag: "quarrymoor-ferries"));

        await Update(story.Id, new ArticleInput { Bylines = ["rosa-villanueva"], Tags = ["Quarrymoor harbour"] });
        Assert.Empty(await app.IdsAsync("quarrymoor", author: "wren-ashdown"));
        Assert.Equal([story.Id], await app.IdsAsync("quarrymoor", author: "rosa-villanueva"));
        Assert.Empty(await app.IdsAsync("quarrymoor", tag: "quarrymoor-ferries"));
        Assert.Equal([story.Id], await app.IdsAsync("quarrymoor", tag: "quarrymoor-harbour"));

        // A second byline: found under either author.
        await Update(story.Id, new ArticleInput { Bylines = ["rosa-villanueva", "wren-ashdown"] });
        Assert.Equal([story.Id], await app.IdsAsync("quarrymoor", author: "wren-ashdown"));
        Assert.Equal([story.Id], await app.IdsAsync("quarrymoor", author: "rosa-villanueva"));
    }

    private async Task Update(int id, ArticleInput input) =>
        Assert.Equal(Outcome.Ok, (await app.UseAsync<SaveArticle, Result<Article>>(s => s.UpdateAsync(id, input, null, Editor.System, CancellationToken.None))).Outcome);

    [Fact]
    public async Task RenamedTagOrAuthor_IsFoundByItsNewName()
    {
        var story = await app.PublishedAsync("Repair café opens on Tuesdays", tags: ["Fixit evenings"], bylines: ["tomasz-wielgosz"]);
        await app.WithDbAsync(async db =>
        {
            (await db.Tags.SingleAsync(t => t.Name == "Fixit evenings")).Name = "Threadbarrow repairs";
            (await db.Authors.SingleAsync(a => a.Slug == "tomasz-wielgosz")).Name = "Tomasz Quillfeather";
            await db.SaveChangesAsync();
        });
        Assert.Equal([story.Id], await app.IdsAsync("threadbarrow"));
        Assert.Contains(story.Id, await app.IdsAsync("quillfeather repair"));
        Assert.Empty(await app.IdsAsync("fixit"));
    }

    [Fact]
    public async Task ChangesThroughTheAdminApi_AreSearchableAtOnce()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Gannetwick lido saved", standfirst = "The pool stays open.", section = "news/uk", bylines = new[] { "wren-ashdown" },
            body = "Campaigners raised the money in a month.",
        }, 201);
        var id = created["id"]!.GetValue<int>();
        Assert.Empty(await app.IdsAsync("gannetwick"));
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        Assert.Equal([id], await app.IdsAsync("gannetwick"));
        await editor.PostJsonAsync($"/api/admin/articles/{id}/unpublish", new { }, 200);
        Assert.Empty(await app.IdsAsync("gannetwick"));
    }

    [Fact]
    public async Task DroppedSqliteTriggers_AreRepairedOnTheNextMigrate()
    {
        if (TestDatabase.IsPostgres) return; // PostgreSQL alters tables in place, so its triggers stay
        var story = await app.PublishedAsync("Marrowfen bridge reopens");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"ArticleSearch_ArticleUpdated\""));
        await app.UseAsync<ArticleWorkflow, Result<Article>>(w => w.UnpublishAsync(story.Id, null, Editor.System, CancellationToken.None));
        // Missed, as the trigger was gone (readers still never see it: results are checked against the story's status).
        Assert.Contains(story.Id, SearchIndexTests.IndexedIds(app));
        Assert.Empty(await app.IdsAsync("marrowfen"));

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Masthead.Web.Hosting.MastheadOptions>>().Value;
        await app.WithDbAsync(db => Masthead.Web.Hosting.DatabaseStartup.MigrateAsync(db, options));
        Assert.DoesNotContain(story.Id, SearchIndexTests.IndexedIds(app));
        await app.UseAsync<ArticleWorkflow, Result<Article>>(w => w.PublishAsync(story.Id, null, Editor.System, CancellationToken.None));
        Assert.Equal([story.Id], await app.IdsAsync("marrowfen"));
    }
}
