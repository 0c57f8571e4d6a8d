using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Search;

/// <summary>Ranking, snippets, filters, paging and prefixes, on whichever database the suite runs against.</summary>
public class SearchIndexTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task DemoStories_AreIndexedOnFirstStart()
    {
        var result = await app.SearchAsync("otters");
        Assert.Contains(result.Hits, h => h.Slug == "gloucester-s-inclusive-rugby-club-reaches-its-first-league-final");
        var published = app.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Id).Order().ToList());
        Assert.NotEmpty(app.WithDb(db => db.Articles.Where(a => a.Status != ArticleStatus.Published).ToList()));
        // Every published story, and nothing else, is in the index.
        Assert.Equal(published, IndexedIds(app));
    }

    /// <summary>The article ids the index holds, read straight from its table.</summary>
    public static List<int> IndexedIds(MastheadAppFactory app) => app.WithDb(db => db.Database
        .SqlQueryRaw<int>(TestDatabase.IsPostgres ? "SELECT \"ArticleId\" AS \"Value\" FROM \"ArticleSearch\"" : "SELECT rowid AS \"Value\" FROM \"ArticleSearch\"")
        .AsEnumerable().Order().ToList());

    [Fact]
    public async Task HeadlineHit_RanksAboveBodyHit()
    {
        var inBody = await app.PublishedAsync("A quiet morning at the allotments", body: "Nobody mentioned the quillwort until the very end of the day.");
        var inHeadline = await app.PublishedAsync("Quillwort returns to the canal", body: "A small plant with a big following.");
        var inStandfirst = await app.PublishedAsync("Pond life, counted", standfirst: "Volunteers found quillwort in three ponds.");
        var ids = await app.IdsAsync("quillwort");
        Assert.Equal([inHeadline.Id, inStandfirst.Id, inBody.Id], ids);
    }

    [Fact]
    public async Task Snippets_MarkTheHits_AndEscapeEverythingElse()
    {
        await app.PublishedAsync("Notes <b>from</b> a \"marsupial\" keeper & friends",
            body: "Before anything else: the <script>alert(1)</script> marsupial keeper arrived at dawn, as always, with a flask of tea.");
        var hit = Assert.Single((await app.SearchAsync("marsupial")).Hits);
        Assert.Contains("<mark>marsupial</mark>", hit.SnippetHtml);
        Assert.Contains("<mark>marsupial</mark>", hit.HeadlineHtml);
        Assert.Contains("&lt;b&gt;from&lt;/b&gt;", hit.HeadlineHtml);
        Assert.Contains("&amp;", hit.HeadlineHtml);
        Assert.DoesNotContain("<script", hit.SnippetHtml + hit.HeadlineHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", hit.HeadlineHtml);
        // The only elements in either are balanced <mark>s.
        foreach (var html in new[] { hit.SnippetHtml, hit.HeadlineHtml })
        {
            var withoutMarks = html.Replace("<mark>", "").Replace("</mark>", "");
            Assert.DoesNotContain("<", withoutMarks);
            Assert.Equal(CountOf(html, "<mark>"), CountOf(html, "</mark>"));
        }
    }

    [Fact]
    public async Task SnippetFromTheStandfirst_WhenOnlyATagMatches()
    {
        await app.PublishedAsync("An evening of sea shanties", standfirst: "Sung loud, sung badly, sung together.", tags: ["Gravelbeak"]);
        var hit = Assert.Single((await app.SearchAsync("gravelbeak")).Hits);
        Assert.Equal("Sung loud, sung badly, sung together.", hit.SnippetHtml);
    }

    [Fact]
    public async Task AuthorNames_AreSearchable()
    {
        var story = await app.PublishedAsync("Ferry timetable changes for the winter", bylines: ["callum-macinnes"], body: "The morning crossing moves to nine.");
        var callum = app.WithDb(db => db.Authors.Single(a => a.Slug == "callum-macinnes").Name);
        Assert.Contains(story.Id, await app.IdsAsync($"\"{callum}\" ferry"));
    }

    [Fact]
    public async Task PrefixOfAWord_FindsIt()
    {
        var story = await app.PublishedAsync("The thermoluminescence lab opens its doors");
        Assert.Contains(story.Id, await app.IdsAsync("thermolum"));
        Assert.Contains(story.Id, await app.IdsAsync("Thermoluminescence"));
        Assert.DoesNotContain(story.Id, await app.IdsAsync("thermolumx"));
    }

    [Fact]
    public async Task Phrases_AndExcludedWords()
    {
        var both = await app.PublishedAsync("Brackenwold choir and brass", body: "The brackenwold choir sang; the brass band played on.");
        var apart = await app.PublishedAsync("Brass in brackenwold", body: "A choir came later, from brackenwold's other side.");
        Assert.Equal([both.Id], await app.IdsAsync("\"brackenwold choir\""));
        Assert.Equal([apart.Id], await app.IdsAsync("brackenwold -\"choir sang\""));
        Assert.Equal([apart.Id], await app.IdsAsync("brackenwold -band"));
    }

    [Fact]
    public async Task Filters_Section_WithSubsections_Author_Tag_AndDates()
    {
        var film = await app.PublishedAsync("Wintergreen cinema reopens", section: "culture/film-tv", bylines: ["wren-ashdown"], tags: ["Wintergreen test"]);
        var books = await app.PublishedAsync("Wintergreen poems collected", section: "culture/books", bylines: ["rosa-villanueva"]);
        var news = await app.PublishedAsync("Wintergreen council vote", section: "news/uk", bylines: ["wren-ashdown"]);
        var all = await app.IdsAsync("wintergreen");
        Assert.Equal(3, all.Count);

        Assert.Equal([film.Id, books.Id], (await app.IdsAsync("wintergreen", section: "culture")).Order());
        Assert.Equal([books.Id], await app.IdsAsync("wintergreen", section: "culture/books"));
        Assert.Equal([film.Id, news.Id], (await app.IdsAsync("wintergreen", author: "wren-ashdown")).Order());
        Assert.Equal([film.Id], await app.IdsAsync("wintergreen", tag: "wintergreen-test"));
        Assert.Equal([film.Id], await app.IdsAsync("wintergreen", section: "culture", author: "wren-ashdown"));

        // A story appearing in a section besides its primary one is found under that section too.
        await app.WithDbAsync(async db =>
        {
            var culture = await db.Sections.SingleAsync(s => s.Path == "culture/books");
            db.Set<ArticleSection>().Add(new ArticleSection { ArticleId = news.Id, SectionId = culture.Id });
            await db.SaveChangesAsync();
        });
        Assert.Contains(news.Id, await app.IdsAsync("wintergreen", section: "culture/books"));

        // Publication dates: move one story back a year, then look before and after.
        var lastYear = app.Clock.GetUtcNow().UtcDateTime.AddYears(-1);
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Articles\" SET \"FirstPublishedAt\" = {lastYear} WHERE \"Id\" = {books.Id}"));
        var cutoff = lastYear.AddDays(1);
        Assert.Equal([books.Id], await app.IdsAsync("wintergreen", before: cutoff));
        Assert.Equal([film.Id, news.Id], (await app.IdsAsync("wintergreen", from: cutoff)).Order());
        Assert.Equal([books.Id], await app.IdsAsync("wintergreen", from: lastYear.AddDays(-1), before: cutoff));
    }

    [Fact]
    public async Task UnknownFilters_AreNamedInTheErrors()
    {
        var result = await app.SearchAsync("otters", section: "no/such/section", author: "nobody-at-all", tag: "not-a-topic", page: 0);
        Assert.Empty(result.Hits);
        var errors = result.Errors.ToDictionary();
        Assert.Equal(["author", "page", "section", "tag"], errors.Keys.Order());
    }

    [Fact]
    public async Task Pagination_PagesThroughEveryHitOnce()
    {
        var ids = new List<int>();
        for (var i = 0; i < 7; i++) ids.Add((await app.PublishedAsync($"Paginatory report number {i}")).Id);
        var seen = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await app.SearchAsync("paginatory", page: page, pageSize: 3);
            Assert.Equal(7, result.Total);
            Assert.Equal(3, result.PageCount);
            Assert.Equal(page < 3 ? 3 : 1, result.Hits.Count);
            seen.AddRange(result.Hits.Select(h => h.Id));
        }
        Assert.Equal(ids.Order(), seen.Order());
        var beyond = await app.SearchAsync("paginatory", page: 4, pageSize: 3);
        Assert.Empty(beyond.Hits);
        Assert.Equal(7, beyond.Total);
    }

    [Fact]
    public async Task MatchesOlderThanTheNewestSpan_AreFoundAndCounted()
    {
        // PostgreSQL reads the matches among the newest ids first and the older ones in a second step of the same
        // statement; one story far newer than the rest leaves every other match to that second step.
        var older = new List<int>();
        for (var i = 0; i < 3; i++) older.Add((await app.PublishedAsync($"Zephyrine tide table, part {i}", section: i == 0 ? "news/uk" : "culture/books")).Id);
        if (TestDatabase.IsPostgres)
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "SELECT setval(pg_get_serial_sequence('\"Articles\"', 'Id'), (SELECT max(\"Id\") FROM \"Articles\") + 50000)"));
        var newest = await app.PublishedAsync("Zephyrine tide table, the latest", section: "culture/books");
        if (TestDatabase.IsPostgres) Assert.True(newest.Id > older.Max() + 50_000);

        var all = await app.SearchAsync("zephyrine", pageSize: 50);
        Assert.Equal(4, all.Total);
        Assert.Equal([.. older, newest.Id], all.Hits.Select(h => h.Id).Order());
        // A filter applies to both steps.
        Assert.Equal([older[1], older[2], newest.Id], (await app.IdsAsync("zephyrine", section: "culture/books")).Order());
        Assert.Equal([older[0]], await app.IdsAsync("zephyrine", section: "news"));
    }

    [Fact]
    public async Task Rebuild_RestoresAnEmptiedIndex()
    {
        var story = await app.PublishedAsync("Hollowmere ferry returns");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"ArticleSearch\""));
        Assert.Empty(await app.IdsAsync("hollowmere"));
        var indexed = await app.UseAsync<ISearchIndex, int>(i => i.RebuildAsync(CancellationToken.None));
        Assert.Equal(app.WithDb(db => db.Articles.Count(a => a.Status == ArticleStatus.Published)), indexed);
        Assert.Equal([story.Id], await app.IdsAsync("hollowmere"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
