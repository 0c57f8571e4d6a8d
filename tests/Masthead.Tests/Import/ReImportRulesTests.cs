using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>
/// A re-import that updates a story follows the same rules as an editor's save (they share <see cref="StoryRecord"/>):
/// the old address of a published story keeps working, search reads only what the story's readers may read, and the
/// change is a revision signed by the import.
/// </summary>
public class ReImportRulesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task ReImport_OfAPublishedStory_KeepsItsOldAddress_RespectsItsAccess_AndSignsTheRevision()
    {
        var first = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"));
        Assert.False(first.Failed, first.ToString());
        var id = app.WithDb(db => db.Articles.Single(a => a.Slug == "sunday-ferry-returns").Id);
        Assert.Contains("18:40", app.WithDb(db => db.Articles.Single(a => a.Id == id).BodyText));
        // After the import an editor made the story members-only: its text past the teaser is not for search.
        await app.WithDbAsync(async db =>
        {
            var story = await db.Articles.SingleAsync(a => a.Id == id);
            story.Access = StoryAccess.Members;
            StoryRecord.RefreshSearchText(story);
            await db.SaveChangesAsync();
        });

        // In the old system the story was renamed, and its list of times edited.
        var renamed = app.Variant("wordpress-small.xml",
            ("<wp:post_name><![CDATA[sunday-ferry-returns]]></wp:post_name>", "<wp:post_name><![CDATA[sunday-ferry-is-back]]></wp:post_name>"),
            ("Last boat back at 18:40", "Last boat back at 18:55"));
        var again = await app.ImportWordPressAsync(renamed);
        Assert.False(again.Failed, again.ToString());
        Assert.Equal(1, again.Updated("articles"));

        var updated = app.WithDb(db => db.Articles.AsNoTracking().Single(a => a.Id == id));
        Assert.Equal("sunday-ferry-is-back", updated.Slug);
        Assert.Contains("18:55", updated.BodyMarkdown);
        Assert.Equal(StoryAccess.Members, updated.Access);
        Assert.DoesNotContain("18:55", updated.BodyText);
        Assert.Equal(Teaser.SearchableText(updated.BodyHtml, StoryAccess.Members), updated.BodyText);
        Assert.Contains(app.WithDb(db => db.ArticleRedirects.Where(r => r.ArticleId == id).Select(r => r.OldSlug).ToList()), s => s == "sunday-ferry-returns");
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var old = await client.GetAsync("/estuary/ferries/sunday-ferry-returns");
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/estuary/ferries/sunday-ferry-is-back", old.Headers.Location!.OriginalString);
        var revision = app.WithDb(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderByDescending(r => r.Id).First());
        Assert.Null(revision.UserId);
        Assert.StartsWith("Import (", revision.UserName);
        Assert.Contains("sunday-ferry-is-back", revision.Snapshot);
    }
}
