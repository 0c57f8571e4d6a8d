using Masthead.Core.Common;

namespace Masthead.Core.Tests.Common;

public class SlugTests
{
    [Theory]
    [InlineData("Film & TV", "film-and-tv")]
    [InlineData("  Café society: the return!  ", "cafe-society-the-return")]
    [InlineData("Ünïcödé — Dashes -- everywhere", "unicode-dashes-everywhere")]
    [InlineData("!!!", "untitled")]
    [InlineData("Zürich 2026", "zurich-2026")]
    public void From_MakesLowercaseHyphenatedSlugs(string text, string expected) => Assert.Equal(expected, Slug.From(text));

    [Fact]
    public void From_CutsLongTextAtTheLimit()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("word", 100)));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("film-tv", true)]
    [InlineData("Film-TV", false)]
    [InlineData("film--tv", false)]
    [InlineData("-film", false)]
    [InlineData("", false)]
    [InlineData("film/tv", false)]
    public void IsValid_AcceptsOnlyCanonicalSlugs(string slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));
}
