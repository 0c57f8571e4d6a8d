using Masthead.Core.Articles;
using Masthead.Core.Revisions;

namespace Masthead.Core.Tests.Articles;

/// <summary>
/// The history, the review of pending changes and the edit conflict all compare <see cref="ArticleSnapshot.Fields"/>:
/// every value a snapshot holds must be in that list, or a change to it would show nowhere.
/// </summary>
public sealed class ArticleSnapshotFieldsTests
{
    [Fact]
    public void EverySnapshotValue_ShowsAsAField_AndAChangeToItIsSeen()
    {
        var before = new ArticleSnapshot("Headline", "slug", "Standfirst", "Body", "news", ["culture"], ["wren-ashdown"],
            [new CreditInput("Pictures", "Ola Field", null)], ["pride"], new HeroImageInput("/media/a.jpg", "Alt", "Caption", "Credit", 1600, 900),
            "SEO title", "SEO description", StoryAccessNames.Members);
        var values = typeof(ArticleSnapshot).GetConstructors().Single().GetParameters();
        Assert.Equal(values.Length, before.Fields().Count);

        // Each value changed on its own changes exactly one field.
        ArticleSnapshot[] changed =
        [
            before with { Headline = "Other" }, before with { Slug = "other" }, before with { Standfirst = "Other" },
            before with { Body = "Other" }, before with { Section = "culture" }, before with { AlsoIn = [] },
            before with { Bylines = ["someone-else"] }, before with { Credits = [new CreditInput("Words", "Ola Field", null)] },
            before with { Tags = ["film"] }, before with { HeroImage = null }, before with { SeoTitle = null },
            before with { SeoDescription = "Other" }, before with { Access = StoryAccessNames.Public },
        ];
        Assert.Equal(values.Length, changed.Length);
        var names = changed.Select(after => Assert.Single(before.Fields().Zip(after.Fields()), f => f.First.Text != f.Second.Text).First.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void AnInput_WithNothingSet_IsAnEmptySnapshot()
    {
        // Every field empty, but for who may read it: a story is public unless it says otherwise.
        Assert.All(ArticleSnapshot.Of(new ArticleInput()).Fields().Where(f => f.Name != "Who can read it"), f => Assert.Equal("", f.Text));
        Assert.Equal(StoryAccessNames.Public, ArticleSnapshot.Of(new ArticleInput()).Fields()[^1].Text);
    }
}
