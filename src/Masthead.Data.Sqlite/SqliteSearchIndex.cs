using System.Globalization;
using System.Text;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data.Sqlite;

/// <summary>SQLite FTS5: bm25 ranking with the headline weighed most, then standfirst, tags and bylines, then body.</summary>
public sealed class SqliteSearchIndex(MastheadDbContext db) : SqlSearchIndex(db)
{
    /// <summary>
    /// The FTS5 expression: every word and phrase quoted (so no word is ever read as an operator), prefix
    /// words starred, excluded ones after NOT. Words hold only letters, digits and marks, never a quote.
    /// </summary>
    public static string MatchExpression(SearchTerms terms)
    {
        static string Quote(SearchTerm term) => $"\"{string.Join(' ', term.Words)}\"{(term.Prefix ? "*" : "")}";
        var expression = string.Join(' ', terms.Include.Select(Quote));
        foreach (var excluded in terms.Exclude) expression = $"({expression}) NOT \"{string.Join(' ', excluded.Words)}\"";
        return expression;
    }

    /// <summary>The reader's words, and each filter as facet words the story must have (<see cref="SqliteSearchSchema.FacetMark"/>).</summary>
    public static string FilteredExpression(SearchTerms terms, SearchFilters filters)
    {
        static string Facet(char kind, int id) => $"\"{SqliteSearchSchema.FacetMark}{kind}{id.ToString(CultureInfo.InvariantCulture)}\"";
        static string AnyOf(IEnumerable<string> facets) => "(" + string.Join(" OR ", facets) + ")";
        var expression = new StringBuilder($"({MatchExpression(terms)})");
        if (filters.SectionIds is { Count: > 0 } sections) expression.Append(" AND ").Append(AnyOf(sections.Select(id => Facet('s', id))));
        if (filters.AuthorId is { } author) expression.Append(" AND ").Append(Facet('a', author));
        if (filters.TagId is { } tag) expression.Append(" AND ").Append(Facet('t', tag));
        if (filters.PublishedFrom is { } from && filters.PublishedBefore is { } before)
        {
            var months = DateFacets(from, before);
            // An empty range asks for a facet no story has.
            expression.Append(" AND ").Append(AnyOf(months.Count == 0 ? [$"\"{SqliteSearchSchema.FacetMark}none\""] : months.Select(m => $"\"{SqliteSearchSchema.FacetMark}{m}\"")));
        }
        return expression.ToString();
    }

    /// <summary>
    /// The facet words for the calendar months (UTC) that [from, before) touches: a year's word (y2024) for each
    /// whole year in it, a month's (m202403) for the rest. Stories in the partly covered first and last months
    /// that fall outside the range are left out by <see cref="FilterSql"/>.
    /// </summary>
    public static IReadOnlyList<string> DateFacets(DateTime from, DateTime before)
    {
        var words = new List<string>();
        var last = MonthOf(before.AddTicks(-1));
        for (var month = MonthOf(from); month <= last;)
        {
            if (month.Month == 1 && month.AddMonths(11) <= last)
            {
                words.Add("y" + month.ToString("yyyy", CultureInfo.InvariantCulture));
                month = month.AddYears(1);
            }
            else
            {
                words.Add("m" + month.ToString("yyyyMM", CultureInfo.InvariantCulture));
                month = month.AddMonths(1);
            }
        }
        return words;
    }

    private static DateTime MonthOf(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
        return new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    protected override IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms terms, SearchFilters filters) =>
        [("@match", FilteredExpression(terms, filters))];

    // Sections, authors, tags and the range's months are in the match expression. What SQL adds is exactness at the
    // edges: the stories of the first and last month published outside the range, a list no longer than two months.
    protected override string? FilterSql(SearchFilters filters, List<(string Name, object Value)> parameters)
    {
        if (filters.PublishedFrom is not { } from || filters.PublishedBefore is not { } before) return null;
        var outside = new List<string>();
        if (from > MonthOf(from))
        {
            outside.Add("(\"FirstPublishedAt\" >= @fromMonth AND \"FirstPublishedAt\" < @from)");
            parameters.Add(("@fromMonth", MonthOf(from)));
            parameters.Add(("@from", DateTime.SpecifyKind(from, DateTimeKind.Utc)));
        }
        var end = MonthOf(before.AddTicks(-1)).AddMonths(1);
        if (before < end)
        {
            outside.Add("(\"FirstPublishedAt\" >= @before AND \"FirstPublishedAt\" < @end)");
            parameters.Add(("@before", DateTime.SpecifyKind(before, DateTimeKind.Utc)));
            parameters.Add(("@end", end));
        }
        return outside.Count == 0 ? null
            : $"{IdColumn} NOT IN (SELECT \"Id\" FROM \"Articles\" WHERE \"Status\" = '{ArticleStatus.Published}' AND ({string.Join(" OR ", outside)}))";
    }

    // An open end of the range becomes the first or last month anything was published in, so the range is months.
    protected override async Task<SearchFilters> WithDateBoundsAsync(SearchFilters filters, CancellationToken ct)
    {
        if ((filters.PublishedFrom is null) == (filters.PublishedBefore is null)) return filters;
        var published = Db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.FirstPublishedAt != null);
        if (filters.PublishedFrom is null)
        {
            var first = await published.MinAsync(a => a.FirstPublishedAt, ct);
            return filters with { PublishedFrom = first is { } f ? MonthOf(f) : filters.PublishedBefore };
        }
        var last = await published.MaxAsync(a => a.FirstPublishedAt, ct);
        return filters with { PublishedBefore = last is { } l ? MonthOf(l).AddMonths(1) : filters.PublishedFrom!.Value.AddTicks(1) };
    }

    protected override string CountSql(string? where) => $"""
        SELECT count(*) FROM (SELECT 1 FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match {And(where)} LIMIT @limit)
        """;

    // rank is bm25 weighted by column (set in SearchSchema), lower is better. FTS5 hands matches over newest first without sorting.
    protected override string WindowSql(string? where) => $"""
        SELECT "ArticleSearch".rowid, -"ArticleSearch".rank
        FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match {And(where)}
        ORDER BY "ArticleSearch".rowid DESC LIMIT @window
        """;

    // The + keeps SQLite from handing the id list to FTS5 as a constraint (one index probe per id); the list is
    // read once and each match checked against it.
    protected override string IdColumn => "+\"ArticleSearch\".rowid";

    private static string And(string? where) => where is null ? "" : "AND " + where;

    protected override string HighlightSql(string ids) => $"""
        SELECT rowid, highlight("ArticleSearch", 0, @open, @close), highlight("ArticleSearch", 1, @open, @close),
               snippet("ArticleSearch", 4, @open, @close, '…', 32)
        FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match AND rowid IN ({ids})
        """;

    protected override string RebuildSql => SqliteSearchSchema.Rebuild;

    // SQLite changes its schema inside a transaction like any row, so the triggers come back with a rollback, and no
    // other connection writes (or sees the triggers gone) meanwhile: the transaction holds the one write lock.
    public override async Task PauseAsync(CancellationToken ct) =>
        await Db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.DropTriggers, ct);

    public override async Task ResumeAsync(IReadOnlyCollection<int> writtenArticleIds, CancellationToken ct)
    {
        await Db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.Triggers, ct);
        foreach (var ids in writtenArticleIds.Distinct().Chunk(500))
            await Db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.RefreshEntries(ids), ct);
    }

    protected override async Task<int> CountIndexedAsync(CancellationToken ct) =>
        await Db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"ArticleSearch\"").SingleAsync(ct);
}
