using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.Import;

/// <summary>
/// WordPress gives a draft no slug until it is published, so a draft and a published story with the same headline
/// are common in real exports. The draft takes its slug from its title; the published story keeps the one it states,
/// wherever the two stand in the file.
/// </summary>
public class DraftSlugTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task DraftWithoutSlug_LeavesTheSlugALaterStoryStates()
    {
        // Post 13 is a draft titled "Notes on the harbour council vote", before post 14 in the file.
        var file = app.Variant("wordpress-small.xml",
            ("<wp:post_name><![CDATA[regatta-week-preview]]></wp:post_name>", "<wp:post_name><![CDATA[notes-on-the-harbour-council-vote]]></wp:post_name>"));
        var report = await app.ImportWordPressAsync(file);
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(ArticleStatus.Scheduled, app.WithDb(db => db.Articles.Single(a => a.Slug == "notes-on-the-harbour-council-vote").Status));
        Assert.Equal(ArticleStatus.Draft, app.WithDb(db => db.Articles.Single(a => a.Slug == "notes-on-the-harbour-council-vote-2").Status));

        // A second run finds both where the first put them.
        var again = await app.ImportWordPressAsync(file);
        Assert.False(again.Failed, again.ToString());
        Assert.Equal(0, again.Updated("articles"));
    }
}
