using Masthead.Core.Search;
using Masthead.Data.Sqlite;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Search;

/// <summary>
/// Date ranges are exact to the instant at their edges, open at either end, and follow a changed publication
/// date. (On SQLite the range becomes month and year words in the index plus an exact check of the edge months.)
/// </summary>
public class SearchDateRangeTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new(y, m, d, h, min, s, DateTimeKind.Utc);

    private async Task<Dictionary<string, int>> StoriesAsync(string word)
    {
        var dates = new Dictionary<string, DateTime>
        {
            ["end of March"] = Utc(2024, 3, 31, 23, 59, 59), ["first of April"] = Utc(2024, 4, 1),
            ["mid April"] = Utc(2024, 4, 15, 12), ["end of May"] = Utc(2024, 5, 31, 23, 59, 59),
            ["first of June"] = Utc(2024, 6, 1), ["next February"] = Utc(2025, 2, 10, 8),
        };
        var ids = new Dictionary<string, int>();
        foreach (var (name, at) in dates)
        {
            var story = await app.PublishedAsync($"The {word} report, {name}");
            await app.WithDbAsync(db => db.Articles.Where(a => a.Id == story.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FirstPublishedAt, at)));
            ids[name] = story.Id;
        }
        return ids;
    }

    private async Task<List<string>> FoundAsync(Dictionary<string, int> stories, string word, DateTime? from, DateTime? before)
    {
        var ids = await app.IdsAsync(word, from: from, before: before);
        return [.. stories.Where(s => ids.Contains(s.Value)).Select(s => s.Key).Order()];
    }

    [Fact]
    public async Task Ranges_AreExactAtTheirEdges_AndOpenAtEitherEnd()
    {
        var stories = await StoriesAsync("zephyrine");
        Assert.Equal(["end of May", "first of April", "mid April"], await FoundAsync(stories, "zephyrine", Utc(2024, 4, 1), Utc(2024, 6, 1)));
        Assert.Equal(["mid April"], await FoundAsync(stories, "zephyrine", Utc(2024, 4, 15, 12), Utc(2024, 5, 31, 23, 59, 59)));
        Assert.Equal(["end of May", "first of June", "next February"], await FoundAsync(stories, "zephyrine", Utc(2024, 5, 1), null));
        Assert.Equal(["end of March"], await FoundAsync(stories, "zephyrine", null, Utc(2024, 4, 1)));
        Assert.Equal(["end of March", "end of May", "first of April", "first of June", "mid April"],
            await FoundAsync(stories, "zephyrine", Utc(2023, 1, 1), Utc(2025, 1, 1)));
        Assert.Empty(await FoundAsync(stories, "zephyrine", Utc(2025, 3, 1), null));
        Assert.Empty(await FoundAsync(stories, "zephyrine", null, Utc(2024, 3, 31, 23, 59, 59)));
    }

    [Fact]
    public async Task AChangedPublicationDate_MovesTheStoryBetweenRanges()
    {
        var stories = await StoriesAsync("quodlibet");
        var id = stories["mid April"];
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.FirstPublishedAt, Utc(2019, 7, 4))));
        Assert.DoesNotContain("mid April", await FoundAsync(stories, "quodlibet", Utc(2024, 4, 1), Utc(2024, 5, 1)));
        Assert.Equal(["mid April"], await FoundAsync(stories, "quodlibet", Utc(2019, 1, 1), Utc(2020, 1, 1)));
    }

    [Fact]
    public async Task FilterWords_InTheIndex_NeverAnswerAReadersSearch()
    {
        var story = await app.PublishedAsync("A harbour wall, rebuilt stone by stone", tags: ["Harbours"]);
        var (section, tag, author) = app.WithDb(db => (
            db.Articles.Single(a => a.Id == story.Id).PrimarySectionId,
            db.Set<Masthead.Core.Articles.ArticleTag>().Single(t => t.ArticleId == story.Id).TagId,
            db.Set<Masthead.Core.Articles.Byline>().Single(b => b.ArticleId == story.Id).AuthorId));
        var year = app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).FirstPublishedAt!.Value.Year);
        // What the index holds for its filters, typed by a reader (with and without the private-use mark, which
        // the search terms drop like any other symbol), finds nothing.
        foreach (var word in new[] { $"s{section}", $"t{tag}", $"a{author}", $"y{year}", $"\uE000s{section}", $"\uE000y{year}" })
            Assert.Empty(await app.IdsAsync(word));
        Assert.Contains(story.Id, await app.IdsAsync("harbour", from: new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("2024-04-01", "2024-06-01", "m202404 m202405")]
    [InlineData("2023-01-01", "2025-01-01", "y2023 y2024")]
    [InlineData("2023-11-20", "2025-02-03", "m202311 m202312 y2024 m202501 m202502")]
    [InlineData("2024-04-15", "2024-04-16", "m202404")]
    public void DateFacets_UseWholeYearsWhereTheyCan(string from, string before, string expected) =>
        Assert.Equal(expected, string.Join(' ', SqliteSearchIndex.DateFacets(DateTime.Parse(from + "T00:00:00Z").ToUniversalTime(), DateTime.Parse(before + "T00:00:00Z").ToUniversalTime())));
}
