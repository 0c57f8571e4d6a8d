using System.Net;
using Masthead.Tests.Support;

namespace Masthead.Tests.Search;

/// <summary>
/// Whatever is typed (operators of either database's query language, unbalanced quotes and brackets, any
/// script, control characters, a huge string) gets results or a clear message, never an error.
/// </summary>
public class HostileQueryTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static TheoryData<string> Queries => new()
    {
        "", " ", "\t\n", "\"", "\"\"", "\"\"\"", "'", "''", "(", ")", "()", "((otters", "otters))", "*", "**", "otters*", "*otters",
        "-", "--", "-otters", "- otters", "otters -", "+otters", "otters + rugby", "^otters", "otters^2", "otters:", ":otters", "headline:otters",
        "Headline : otters", "{Headline Body}: otters", "NEAR(otters rugby)", "NEAR(otters rugby, 2)", "otters NEAR rugby", "otters AND", "AND",
        "OR", "NOT", "otters OR", "NOT otters", "otters NOT", "otters AND NOT rugby", "a & b", "a | b", "!a", "!!", "a <-> b", "a <2> b", "a:*", "a:*B",
        "'a':*", "a & !b", "(a | b) & !c", "\\", "\\\\", "%", "_", "%_%", "'; DROP TABLE \"Articles\"; --", "\" OR 1=1 --", "1; SELECT 1",
        "<script>alert(1)</script>", "<mark>otters</mark>", "&lt;b&gt;", "\u0000", "otters\u0000rugby", "\u0002otters\u0003", "\u0001\u0002\u0003",
        "\uFEFF", "\u200B\u200D", "\uD800", "otters\uDFFF", "Библиотека в Глазго", "مرحبا بالعالم", "東京の本屋", "서울 도서관", "ग्रंथालय", "😀", "🏳️‍🌈 pride", "👩🏽‍🔬",
        "e\u0301", "\u0301", "ﷺ", "½ ² ①", "Ⅻ", "İstanbul", "straße", "ǅ", "otters otters otters otters otters otters otters otters otters otters otters otters otters otters",
        new string('a', 5000), string.Concat(Enumerable.Repeat("otters ", 700)), string.Concat(Enumerable.Repeat("\"(", 1000)),
        string.Concat(Enumerable.Repeat("😀", 1000)), "a" + new string('\u0301', 500),
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task SearchService_AnswersAnyQuery(string query)
    {
        var result = await app.SearchAsync(query);
        Assert.True(result.Terms.IsEmpty ? result.Hits.Count == 0 : result.Total >= result.Hits.Count);
        if (!result.Terms.IsEmpty) Assert.True(result.Terms.Include.Sum(t => t.Words.Count) <= Masthead.Core.Search.SearchTerms.MaxWords);
        if (query.Trim().Length > 0 && result.Terms.IsEmpty) Assert.NotEmpty(result.Notices);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task SearchPage_AnswersAnyQuery(string query)
    {
        var response = await app.Reader().GetAsync("/search?q=" + Uri.EscapeDataString(query.Replace("\uD800", "").Replace("\uDFFF", "")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("form.search-form input[name=q]"));
        // Either a count of results, or a message saying why there was nothing to search for.
        var answered = page.QuerySelector(".search-results__count") is not null || page.QuerySelector(".search-notice") is not null
            || query.Trim().Length == 0 || query.All(c => char.IsWhiteSpace(c) || c is '\uFEFF' or '\u200B' or '\u200D' or '\u0000');
        Assert.True(answered, $"no count and no message for {query}");
    }

    [Fact]
    public async Task HugeQuery_IsShortened_WithAMessage()
    {
        var result = await app.SearchAsync(string.Concat(Enumerable.Repeat("otters ", 700)));
        Assert.Contains(result.Notices, n => n.Contains("first 200 characters"));
        Assert.Contains(result.Notices, n => n.Contains("first 12 words"));
        Assert.NotEmpty(result.Hits);
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("page=-1")]
    [InlineData("page=0")]
    [InlineData("page=99999999999999999999")]
    [InlineData("page=1001")]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-02-30")]
    [InlineData("to=0001-01-01")]
    [InlineData("from=2026-12-01&to=2026-01-01")]
    [InlineData("section=%00")]
    [InlineData("section=..%2F..%2Fetc")]
    [InlineData("author=%27%20OR%201%3D1")]
    [InlineData("tag=" + "x")]
    [InlineData("q=a&q=b&page=1&page=2")]
    public async Task BadFilters_AreExplainedOnThePage(string parameters)
    {
        var response = await app.Reader().GetAsync("/search?q=otters&" + parameters);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        if (parameters.StartsWith("q=a&q=b", StringComparison.Ordinal))
        {
            Assert.Equal("otters", page.QuerySelector("#search-q")?.GetAttribute("value"));
            return;
        }
        var problems = page.QuerySelectorAll(".search-problems li");
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.TextContent)));
    }

    [Theory]
    [InlineData("\u0000", null, null)]
    [InlineData(null, "wren\u0000ashdown", null)]
    [InlineData(null, null, "\uD800film")]
    [InlineData("culture\uDC00", null, null)]
    [InlineData("\u001b[31m", "\t", "\r\n")]
    public async Task FilterValues_ThatNoAddressHolds_AreRefused(string? section, string? author, string? tag)
    {
        var result = await app.SearchAsync("otters", section, author, tag);
        Assert.Empty(result.Hits);
        Assert.True(result.Errors.Any);
    }
}
