using System.Data.Common;
using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Core.Search;

/// <summary>
/// What both databases' indexes share: the filters (plain SQL over the article tables), paging, the
/// recomputation of plain text on rebuild, and running commands on the context's own connection.
/// </summary>
public abstract class SqlSearchIndex(MastheadDbContext db) : ISearchIndex
{
    public const int MaxPageSize = 50;

    protected MastheadDbContext Db => db;

    public async Task<SearchMatches> SearchAsync(SearchTerms terms, SearchFilters filters, int page, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        if (terms.IsEmpty) return new SearchMatches([], 0);

        var parameters = new List<(string Name, object Value)>();
        var where = FilterSql(filters, parameters);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var total = Convert.ToInt32(await ScalarAsync(CountSql(where), [.. parameters, .. MatchParameters(terms)], ct), CultureInfo.InvariantCulture);
            if (total == 0 || (page - 1) * pageSize >= total) return new SearchMatches([], total);

            var ranked = new List<(int Id, double Score)>();
            await ReadAsync(PageSql(where), [.. parameters, .. MatchParameters(terms), ("@take", pageSize), ("@skip", (page - 1) * pageSize)],
                row => ranked.Add((row.GetInt32(0), row.GetDouble(1))), ct);
            var marked = new Dictionary<int, (string Headline, string Snippet)>();
            var ids = string.Join(", ", ranked.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
            await ReadAsync(HighlightSql(ids), [.. MatchParameters(terms), ("@open", SnippetHtml.Open), ("@close", SnippetHtml.Close)],
                row => marked[row.GetInt32(0)] = (SnippetHtml.Render(row.GetString(1)), SnippetHtml.Choose(row.GetString(2), row.GetString(3))), ct);
            return new SearchMatches(
                ranked.Where(r => marked.ContainsKey(r.Id))
                    .Select(r => new SearchHit(r.Id, r.Score, marked[r.Id].Headline, marked[r.Id].Snippet)).ToList(),
                total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        // The plain text is derived from the stored HTML, so stories written by older versions (or imported) get it too.
        // The triggers would refresh each story as its text is saved; the full rebuild afterwards makes that moot.
        const int batch = 500;
        for (var lastId = 0; ;)
        {
            var rows = await db.Articles.Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(batch).ToListAsync(ct);
            if (rows.Count == 0) break;
            foreach (var article in rows)
            {
                var text = PlainText.FromHtml(article.BodyHtml);
                if (text != article.BodyText) article.BodyText = text;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lastId = rows[^1].Id;
        }
        await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
        return await CountIndexedAsync(ct);
    }

    protected abstract string RebuildSql { get; }

    protected abstract Task<int> CountIndexedAsync(CancellationToken ct);

    /// <summary>The query's own parameters (the match expression), added to every statement that needs them.</summary>
    protected abstract IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms terms);

    /// <summary>Counts the matches; <paramref name="where"/> filters the articles table, aliased <c>a</c>.</summary>
    protected abstract string CountSql(string where);

    /// <summary>Selects (id, score) for one page, best first, using @take and @skip.</summary>
    protected abstract string PageSql(string where);

    /// <summary>Selects (id, headline, standfirst, body passage) with hits marked by @open and @close.</summary>
    protected abstract string HighlightSql(string ids);

    private static string FilterSql(SearchFilters filters, List<(string Name, object Value)> parameters)
    {
        var clauses = new List<string> { $"a.\"Status\" = '{ArticleStatus.Published}'" };
        if (filters.SectionIds is { Count: > 0 } sections)
        {
            // Ids are integers the caller resolved, so they are written into the statement as they are.
            var list = string.Join(", ", sections.Select(s => s.ToString(CultureInfo.InvariantCulture)));
            clauses.Add($"(a.\"PrimarySectionId\" IN ({list}) OR EXISTS (SELECT 1 FROM \"ArticleSection\" x WHERE x.\"ArticleId\" = a.\"Id\" AND x.\"SectionId\" IN ({list})))");
        }
        if (filters.AuthorId is { } author)
        {
            clauses.Add("EXISTS (SELECT 1 FROM \"Byline\" b WHERE b.\"ArticleId\" = a.\"Id\" AND b.\"AuthorId\" = @author)");
            parameters.Add(("@author", author));
        }
        if (filters.TagId is { } tag)
        {
            clauses.Add("EXISTS (SELECT 1 FROM \"ArticleTag\" t WHERE t.\"ArticleId\" = a.\"Id\" AND t.\"TagId\" = @tag)");
            parameters.Add(("@tag", tag));
        }
        if (filters.PublishedFrom is { } from)
        {
            clauses.Add("a.\"FirstPublishedAt\" >= @from");
            parameters.Add(("@from", DateTime.SpecifyKind(from, DateTimeKind.Utc)));
        }
        if (filters.PublishedBefore is { } before)
        {
            clauses.Add("a.\"FirstPublishedAt\" < @before");
            parameters.Add(("@before", DateTime.SpecifyKind(before, DateTimeKind.Utc)));
        }
        return string.Join(" AND ", clauses);
    }

    private async Task<object?> ScalarAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync(ct);
    }

    private async Task ReadAsync(string sql, IEnumerable<(string Name, object Value)> parameters, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) row(reader);
    }

    private DbCommand Command(string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
