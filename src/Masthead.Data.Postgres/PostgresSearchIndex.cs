using System.Text;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data.Postgres;

/// <summary>PostgreSQL full-text search: a weighted tsvector per story (A headline … D body), ranked with ts_rank.</summary>
public sealed class PostgresSearchIndex(MastheadDbContext db) : SqlSearchIndex(db)
{
    private const string Config = PostgresSearchSchema.Config;
    private const string Query = $"to_tsquery('{Config}', @query)";
    // D, C, B, A; normalised by document length so a long body does not outweigh a headline.
    private const string Rank = "ts_rank('{0.1, 0.2, 0.4, 1.0}', s.\"Document\", q.query, 1)";

    /// <summary>
    /// The tsquery text: words joined with &amp;, phrases with &lt;-&gt;, prefix words with :*, excluded words
    /// after !. Words hold only letters, digits and marks, so none of them is read as an operator.
    /// </summary>
    public static string QueryText(SearchTerms terms)
    {
        static string Term(SearchTerm term) => term.IsPhrase ? $"({string.Join(" <-> ", term.Words)})" : term.Prefix ? term.Words[0] + ":*" : term.Words[0];
        var text = new StringBuilder(string.Join(" & ", terms.Include.Select(Term)));
        foreach (var excluded in terms.Exclude) text.Append(" & !").Append(excluded.IsPhrase ? Term(excluded) : excluded.Words[0]);
        return text.ToString();
    }

    protected override IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms terms, SearchFilters filters) => [("@query", QueryText(terms))];

    // The window statement counts as it goes (below), so there is never a separate count to make.
    protected override string CountSql(string? where) => throw new NotSupportedException("The window statement counts the matches.");

    /// <summary>
    /// The newest stories this many windows long are searched first: a common word fills the window from them, and
    /// PostgreSQL reads only their rows instead of every match's (the GIN index gives matches in no useful order, so
    /// finding the newest otherwise means reading and sorting all of them: 84,000 rows for "people" at 100,000 stories).
    /// </summary>
    private const int RecentSpan = 5;

    // Where the newest span starts, as a value the planner sees (not a subquery it can only guess at), so it
    // intersects the id range with the words' index even when a filter's index is in the intersection too.
    protected override async Task<IEnumerable<(string Name, object Value)>> WindowParametersAsync(int window, CancellationToken ct)
    {
        var newest = await ScalarAsync("SELECT coalesce(max(\"ArticleId\"), 0) FROM \"ArticleSearch\"", [], ct);
        return [("@recent", Convert.ToInt32(newest, System.Globalization.CultureInfo.InvariantCulture) - RecentSpan * window)];
    }

    // One statement for the window and the count, each match's row read once at most:
    // - the query is a materialised value, so the planner cannot see how common its words are and always reads them
    //   through the GIN index (seeing "people" in 84 % of stories it chose a sequential scan that ran the match
    //   against each row's document, 130 ms for the count alone);
    // - every match among the newest ids (the id range is a second index the database intersects with the words');
    // - the older matches: all of them when the newest did not fill the window (their newest are needed), else only
    //   as many as the count still needs, in any order ("+ 0": that range is most of the table, not worth an index);
    // - only ids and row addresses are kept and sorted; the documents are read for the @window stories ranked, by
    //   address (one TID scan over the sorted list, a few ms faster than a lookup per row), not through an index
    //   again; carrying the documents through the sort instead was slower still.
    // The window is exactly the newest @window matches and the count stops at @limit, as separate statements found.
    protected override string WindowSql(string? where) => $"""
        WITH q AS MATERIALIZED (SELECT {Query} AS query),
        recent AS MATERIALIZED (
            SELECT s."ArticleId" AS id, s.ctid FROM "ArticleSearch" s, q
            WHERE s."Document" @@ q.query AND s."ArticleId" > @recent {And(where)}),
        recent_count AS MATERIALIZED (SELECT count(*) AS n FROM recent),
        older AS MATERIALIZED (
            SELECT s."ArticleId" AS id, s.ctid FROM "ArticleSearch" s, q
            WHERE s."Document" @@ q.query AND s."ArticleId" + 0 <= @recent {And(where)}
            LIMIT CASE WHEN (SELECT n FROM recent_count) < @window THEN NULL ELSE greatest(@limit - (SELECT n FROM recent_count), 0) END),
        top AS (SELECT * FROM recent UNION ALL SELECT * FROM older ORDER BY id DESC LIMIT @window)
        SELECT s."ArticleId", {Rank}::float8, least((SELECT n FROM recent_count) + (SELECT count(*) FROM older), @limit)
        FROM "ArticleSearch" s, q WHERE s.ctid = ANY (ARRAY(SELECT ctid FROM top))
        """;

    protected override string IdColumn => "s.\"ArticleId\"";

    // Each story's sections, authors, tags and first publication are columns of its search row (GIN on the
    // arrays, a btree on the date), so a filter is one more index the database intersects with the words' matches
    // instead of an id list from the article tables checked against each of tens of thousands of matches.
    protected override string? FilterSql(SearchFilters filters, List<(string Name, object Value)> parameters)
    {
        var clauses = new List<string>();
        if (filters.SectionIds is { Count: > 0 } sections)
        {
            clauses.Add("s.\"SectionIds\" && @sections");
            parameters.Add(("@sections", sections.ToArray()));
        }
        if (filters.AuthorId is { } author)
        {
            clauses.Add("s.\"AuthorIds\" @> @authors");
            parameters.Add(("@authors", new[] { author }));
        }
        if (filters.TagId is { } tag)
        {
            clauses.Add("s.\"TagIds\" @> @tags");
            parameters.Add(("@tags", new[] { tag }));
        }
        if (filters.PublishedFrom is { } from)
        {
            clauses.Add("s.\"PublishedAt\" >= @from");
            parameters.Add(("@from", DateTime.SpecifyKind(from, DateTimeKind.Utc)));
        }
        if (filters.PublishedBefore is { } before)
        {
            clauses.Add("s.\"PublishedAt\" < @before");
            parameters.Add(("@before", DateTime.SpecifyKind(before, DateTimeKind.Utc)));
        }
        return clauses.Count == 0 ? null : string.Join(" AND ", clauses);
    }

    private static string And(string? where) => where is null ? "" : "AND " + where;

    protected override string HighlightSql(string ids) => $"""
        SELECT a."Id", ts_headline('{Config}', a."Headline", q.query, o.whole),
               ts_headline('{Config}', a."Standfirst", q.query, o.whole),
               ts_headline('{Config}', a."BodyText", q.query, o.passage)
        FROM "Articles" a, (SELECT {Query} AS query) q,
             (SELECT 'HighlightAll=true, StartSel="' || @open || '", StopSel="' || @close || '"' AS whole,
                     'MaxFragments=2, MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=" … ", StartSel="' || @open || '", StopSel="' || @close || '"' AS passage) o
        WHERE a."Id" IN ({ids})
        """;

    protected override string RebuildSql => PostgresSearchSchema.Rebuild;

    protected override async Task<int> CountIndexedAsync(CancellationToken ct) =>
        await Db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM \"ArticleSearch\"").SingleAsync(ct);
}
