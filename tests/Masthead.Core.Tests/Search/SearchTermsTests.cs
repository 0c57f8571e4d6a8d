using Masthead.Core.Search;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;

namespace Masthead.Core.Tests.Search;

public class SearchTermsTests
{
    [Fact]
    public void Words_Phrases_Exclusions_AndPrefixes()
    {
        var terms = SearchTerms.Parse("Otters \"night bus\" -rugby ab e-mail");
        Assert.Equal(["otters", "night bus", "ab", "e mail"], terms.Include.Select(t => string.Join(' ', t.Words)));
        Assert.Equal([true, false, false, false], terms.Include.Select(t => t.Prefix));
        Assert.Equal("rugby", Assert.Single(terms.Exclude).Words[0]);
        Assert.Empty(terms.Notices);
    }

    [Theory]
    [InlineData("NEAR(otters rugby)", "\"near\"* \"otters\"* \"rugby\"*")]
    [InlineData("headline:otters", "\"headline\"* \"otters\"*")]
    [InlineData("otters AND NOT rugby", "\"otters\"* \"and\"* \"not\"* \"rugby\"*")]
    [InlineData("otters -rugby -\"night bus\"", "((\"otters\"*) NOT \"rugby\") NOT \"night bus\"")]
    [InlineData("'; DROP TABLE x; --", "\"drop\"* \"table\"* \"x\"")]
    public void FtsExpression_QuotesEveryWord(string query, string expected) =>
        Assert.Equal(expected, SqliteSearchIndex.MatchExpression(SearchTerms.Parse(query)));

    [Theory]
    [InlineData("otters rugby", "otters:* & rugby:*")]
    [InlineData("\"night bus\" -otters", "(night <-> bus) & !otters")]
    [InlineData("a & !b | c:*", "a & b & c")]
    public void TsQuery_HasOnlyOperatorsWeWrote(string query, string expected) =>
        Assert.Equal(expected, PostgresSearchIndex.QueryText(SearchTerms.Parse(query)));

    [Fact]
    public void Limits_AreApplied_WithMessages()
    {
        var huge = SearchTerms.Parse(string.Concat(Enumerable.Repeat("word ", 100)));
        Assert.Equal(SearchTerms.MaxWords, huge.Include.Count);
        Assert.Equal(2, huge.Notices.Count);
        // Cutting never leaves half of a character behind.
        var emoji = SearchTerms.Parse(new string('a', SearchTerms.MaxLength - 1) + "😀😀");
        Assert.Single(emoji.Include);
    }

    [Theory]
    [InlineData("***")]
    [InlineData("😀 🏳️‍🌈")]
    [InlineData("() : ^")]
    [InlineData("-otters")]
    public void NothingToLookFor_SaysWhy(string query)
    {
        var terms = SearchTerms.Parse(query);
        Assert.True(terms.IsEmpty);
        Assert.Single(terms.Notices);
    }

    [Fact]
    public void AnyScript_IsAWord()
    {
        Assert.Equal(["библиотека", "مرحبا", "東京の本屋", "straße"], SearchTerms.Parse("Библиотека مرحبا 東京の本屋 Straße").Include.Select(t => t.Words[0]));
    }

    [Fact]
    public void Snippets_EscapeTextAndBalanceMarks()
    {
        Assert.Equal("&lt;b&gt; <mark>otters</mark> &amp; co", SnippetHtml.Render("<b> \u0002otters\u0003 & co"));
        Assert.Equal("<mark>open</mark>", SnippetHtml.Render("\u0002open"));
        Assert.Equal("stray close", SnippetHtml.Render("stray\u0003 close"));
        Assert.Equal("Привет", SnippetHtml.Render("Привет"));
    }
}
