using Masthead.Core.Articles;
using Masthead.Core.Search;
using Masthead.Tests.Search;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>
/// An import writes each story's search entry once, after the last story, rather than with each of its rows: what
/// search finds afterwards is what a rebuilt index finds, and later edits are followed as before, also after an
/// import that failed or was a dry run.
/// </summary>
public class ImportSearchTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task ImportedStories_AreFoundAsARebuiltIndexFindsThem_AndLaterEditsAreFollowed()
    {
        var dryRun = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"), dryRun: true);
        Assert.False(dryRun.Failed, dryRun.ToString());
        var report = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"));
        Assert.False(report.Failed, report.ToString());
        var stories = app.WithDb(db => db.Articles.AsNoTracking()
            .Where(a => db.ImportMappings.Any(m => m.Kind == Masthead.Core.Import.ImportEntityKind.Article && m.EntityId == a.Id))
            .Select(a => new
            {
                a.Id, a.Headline, a.Status, Section = a.PrimarySection!.Path,
                Tags = a.Tags.Select(t => t.Tag.Slug).ToList(), Authors = a.Bylines.Select(b => b.Author.Slug).ToList(),
            }).ToList());
        Assert.Contains(stories, s => s.Status == ArticleStatus.Published);
        Assert.Contains(stories, s => s.Status != ArticleStatus.Published);

        async Task<List<List<int>>> FoundAsync()
        {
            var found = new List<List<int>>();
            foreach (var story in stories)
            {
                found.Add(await app.IdsAsync(story.Headline));
                found.Add(await app.IdsAsync(story.Headline, section: story.Section));
                foreach (var tag in story.Tags) found.Add(await app.IdsAsync(story.Headline, tag: tag));
                foreach (var author in story.Authors) found.Add(await app.IdsAsync(story.Headline, author: author));
            }
            return found;
        }
        var afterImport = await FoundAsync();
        foreach (var story in stories)
            Assert.Equal(story.Status == ArticleStatus.Published, (await app.IdsAsync(story.Headline, section: story.Section)).Contains(story.Id));
        await app.UseAsync<ISearchIndex, int>(index => index.RebuildAsync(CancellationToken.None));
        Assert.Equal(await FoundAsync(), afterImport);

        // A refused import (two stories with one slug) changes nothing, and search still follows each save.
        var clash = app.Variant("wordpress-small.xml", ("<wp:post_name><![CDATA[sunday-ferry-returns]]></wp:post_name>", "<wp:post_name><![CDATA[eel-pie-old-way]]></wp:post_name>"));
        Assert.True((await app.ImportWordPressAsync(clash)).Failed);
        var published = stories.First(s => s.Status == ArticleStatus.Published);
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Id == published.Id);
            article.Headline = "Quillwort survey begins";
            await db.SaveChangesAsync();
        });
        Assert.Equal([published.Id], await app.IdsAsync("quillwort"));
    }
}
