using System.Globalization;
using System.Text;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Search;

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

    /// <summary>The reader's words, searched in the text columns only, and each filter as facet words the story must have.</summary>
    public static string FilteredExpression(SearchTerms terms, SearchFilters filters)
    {
        var expression = new StringBuilder($"({SearchSchema.SqliteTextColumns} : ({MatchExpression(terms)}))");
        if (filters.SectionIds is { Count: > 0 } sections)
            expression.Append(" AND Facets : (").Append(string.Join(" OR ", sections.Select(id => $"\"s{id.ToString(CultureInfo.InvariantCulture)}\""))).Append(')');
        if (filters.AuthorId is { } author) expression.Append($" AND Facets : \"a{author.ToString(CultureInfo.InvariantCulture)}\"");
        if (filters.TagId is { } tag) expression.Append($" AND Facets : \"t{tag.ToString(CultureInfo.InvariantCulture)}\"");
        return expression.ToString();
    }

    protected override IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms terms, SearchFilters filters) =>
        [("@match", FilteredExpression(terms, filters))];

    // Sections, authors and tags are in the match expression; only the date range is left to SQL.
    protected override string? FilterSql(SearchFilters filters, List<(string Name, object Value)> parameters) =>
        base.FilterSql(filters with { SectionIds = null, AuthorId = null, TagId = null }, parameters);

    protected override string CountSql(string? where) => $"""
        SELECT count(*) FROM (SELECT 1 FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match {And(where)} LIMIT @limit)
        """;

    // rank is bm25 weighted by column (set in SearchSchema). FTS5 hands matches over newest first without sorting.
    protected override string PageSql(string? where) => $"""
        SELECT id, -score FROM (
            SELECT "ArticleSearch".rowid AS id, "ArticleSearch".rank AS score
            FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match {And(where)}
            ORDER BY "ArticleSearch".rowid DESC LIMIT @window)
        ORDER BY score, id DESC
        LIMIT @take OFFSET @skip
        """;

    // The + keeps SQLite from handing the id list to FTS5 as a constraint (one index probe per id); the list is
    // read once and each match checked against it.
    protected override string IdColumn => "+\"ArticleSearch\".rowid";

    private static string And(string? where) => where is null ? "" : "AND " + where;

    protected override string HighlightSql => """
        SELECT highlight("ArticleSearch", 0, @open, @close), highlight("ArticleSearch", 1, @open, @close),
               snippet("ArticleSearch", 4, @open, @close, '…', 32)
        FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match AND rowid = @id
        """;

    protected override string RebuildSql => SearchSchema.SqliteRebuild;

    protected override async Task<int> CountIndexedAsync(CancellationToken ct) =>
        await Db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"ArticleSearch\"").SingleAsync(ct);
}
