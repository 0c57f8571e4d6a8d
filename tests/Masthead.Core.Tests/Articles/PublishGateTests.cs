using Masthead.Core.Articles;

namespace Masthead.Core.Tests.Articles;

/// <summary>What a story needs before readers may see it, each missing thing named on its field.</summary>
public sealed class PublishGateTests
{
    [Fact]
    public void AStoryWithAHeadlineAndAStandfirst_MayBePublished()
    {
        Assert.False(PublishGate.Check(new Article { Headline = "Night buses return", Standfirst = "From Friday." }).Any);
    }

    [Fact]
    public void EachMissingThing_IsNamedOnItsField()
    {
        var errors = PublishGate.Check(new Article
        {
            Headline = " ", Standfirst = "",
            HeroImage = new HeroImage { Url = "/media/a/1280.jpg", Alt = "", Credit = " " },
        }).ToDictionary();
        Assert.Equal(["headline", "heroImage.alt", "heroImage.credit", "standfirst"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Single(messages));
    }
}
