using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Search;

/// <summary>SQLite FTS5: bm25 ranking with the headline weighed most, then standfirst, tags and bylines, then body.</summary>
public sealed class SqliteSearchIndex(MastheadDbContext db) : SqlSearchIndex(db)
{
    // Column weights for bm25, in the table's column order: headline, standfirst, tags, authors, body.
    private const string Rank = "bm25(\"ArticleSearch\", 10.0, 4.0, 2.0, 2.0, 1.0)";

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

    protected override IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms terms) => [("@match", MatchExpression(terms))];

    protected override string CountSql(string where) => $"""
        SELECT count(*) FROM "ArticleSearch" JOIN "Articles" a ON a."Id" = "ArticleSearch".rowid
        WHERE "ArticleSearch" MATCH @match AND {where}
        """;

    protected override string PageSql(string where) => $"""
        SELECT "ArticleSearch".rowid, -{Rank} AS score
        FROM "ArticleSearch" JOIN "Articles" a ON a."Id" = "ArticleSearch".rowid
        WHERE "ArticleSearch" MATCH @match AND {where}
        ORDER BY {Rank}, a."FirstPublishedAt" DESC, a."Id" DESC
        LIMIT @take OFFSET @skip
        """;

    protected override string HighlightSql(string ids) => $"""
        SELECT rowid, highlight("ArticleSearch", 0, @open, @close), highlight("ArticleSearch", 1, @open, @close),
               snippet("ArticleSearch", 4, @open, @close, '…', 32)
        FROM "ArticleSearch" WHERE "ArticleSearch" MATCH @match AND rowid IN ({ids})
        """;

    protected override string RebuildSql => SearchSchema.SqliteRebuild;

    protected override async Task<int> CountIndexedAsync(CancellationToken ct) =>
        await Db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"ArticleSearch\"").SingleAsync(ct);
}
