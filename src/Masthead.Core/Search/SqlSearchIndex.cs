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

    /// <summary>Matches are counted up to this many; beyond it the count reads "more than 10,000".</summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// How many of the newest matches are ranked by relevance. A word found in tens of thousands of stories is
    /// ranked among its newest 2,000 (and deeper pages widen the window), which keeps every query's work bounded.
    /// </summary>
    public const int RankWindow = 2_000;

    /// <summary>
    /// Words are first matched whole (with their endings: "otter" finds "otters"); when that finds fewer stories
    /// than this, the search runs again with each word of three letters or more also matching the start of longer
    /// words, which finds what a reader has only half typed without slowing down searches for common words.
    /// </summary>
    public const int PrefixesBelow = 5;

    protected MastheadDbContext Db => db;

    public async Task<SearchMatches> SearchAsync(SearchTerms terms, SearchFilters filters, int page, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        if (terms.IsEmpty) return new SearchMatches([], 0, false);

        filters = await WithDateBoundsAsync(filters, ct);
        var parameters = new List<(string Name, object Value)>();
        var where = FilterSql(filters, parameters);
        IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms t) => this.MatchParameters(t, filters);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The newest matches, each with its score, come first: when there are fewer than the window holds, that
            // is the whole count too, and only searches matching more stories than that need counting on their own
            // (unless the provider's window statement counted them as it went: @limit is given only to one that asks).
            var window = Math.Max(RankWindow, page * pageSize);
            parameters.AddRange(await WindowParametersAsync(window, ct));
            async Task<(List<(int Id, double Score)> Found, int? Counted)> WindowAsync(SearchTerms t)
            {
                var found = new List<(int Id, double Score)>();
                int? counted = null;
                var sql = WindowSql(where);
                (string, object)[] limit = sql.Contains("@limit", StringComparison.Ordinal) ? [("@limit", CountLimit + 1)] : [];
                await ReadAsync(sql, [.. parameters, .. MatchParameters(t), ("@window", window), .. limit], row =>
                {
                    found.Add((row.GetInt32(0), row.GetDouble(1)));
                    if (row.FieldCount > 2) counted = Convert.ToInt32(row.GetValue(2), CultureInfo.InvariantCulture);
                }, ct);
                return (found, counted);
            }
            var requested = terms;
            terms = requested.WholeWords();
            var (matches, windowCounted) = await WindowAsync(terms);
            if (matches.Count < PrefixesBelow && requested.HasPrefixes)
            {
                var withPrefixes = await WindowAsync(requested);
                if (withPrefixes.Found.Count > matches.Count) (terms, matches, windowCounted) = (requested, withPrefixes.Found, withPrefixes.Counted);
            }
            var counted = matches.Count < window ? matches.Count : windowCounted ?? Convert.ToInt32(
                await ScalarAsync(CountSql(where), [.. parameters, .. MatchParameters(terms), ("@limit", CountLimit + 1)], ct), CultureInfo.InvariantCulture);
            var total = Math.Min(counted, CountLimit);
            if (total == 0 || (page - 1) * pageSize >= total) return new SearchMatches([], total, counted > CountLimit);

            var ranked = matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToList();
            var marked = new Dictionary<int, (string Headline, string Snippet)>();
            if (ranked.Count > 0)
                await ReadAsync(HighlightSql(IdList(ranked.Select(r => r.Id))), [.. MatchParameters(terms), ("@open", SnippetHtml.Open), ("@close", SnippetHtml.Close)],
                    row => marked[row.GetInt32(0)] = (SnippetHtml.Render(row.GetString(1)), SnippetHtml.Choose(row.GetString(2), row.GetString(3))), ct);
            return new SearchMatches(
                ranked.Where(r => marked.ContainsKey(r.Id))
                    .Select(r => new SearchHit(r.Id, r.Score, marked[r.Id].Headline, marked[r.Id].Snippet)).ToList(),
                total, counted > CountLimit);
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
                var text = Articles.Teaser.SearchableText(article.BodyHtml, article.Access);
                if (text != article.BodyText) article.BodyText = text;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            lastId = rows[^1].Id;
        }
        await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
        return await CountIndexedAsync(ct);
    }

    /// <summary>By default the index keeps following each change during a bulk write.</summary>
    public virtual Task PauseAsync(CancellationToken ct) => Task.CompletedTask;

    public virtual Task ResumeAsync(IReadOnlyCollection<int> writtenArticleIds, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A chance to complete the date range before the statements are built (SQLite closes an open end).</summary>
    protected virtual Task<SearchFilters> WithDateBoundsAsync(SearchFilters filters, CancellationToken ct) => Task.FromResult(filters);

    protected abstract string RebuildSql { get; }

    protected abstract Task<int> CountIndexedAsync(CancellationToken ct);

    /// <summary>The query's own parameters (the match expression, and any filters it carries), added to every statement that needs them.</summary>
    protected abstract IEnumerable<(string Name, object Value)> MatchParameters(SearchTerms terms, SearchFilters filters);

    /// <summary>Counts the matches, stopping at @limit. <paramref name="where"/> holds the filters, if any, on <see cref="IdColumn"/>.</summary>
    protected abstract string CountSql(string? where);

    /// <summary>
    /// Selects (id, score; higher is better) of the newest @window matches. A provider may add a third column, the
    /// number of matches counted up to @limit (the same on every row), which saves the separate count.
    /// </summary>
    protected abstract string WindowSql(string? where);

    /// <summary>Parameters the window statement needs besides the match and the filters, worked out once per search.</summary>
    protected virtual Task<IEnumerable<(string Name, object Value)>> WindowParametersAsync(int window, CancellationToken ct) =>
        Task.FromResult(Enumerable.Empty<(string Name, object Value)>());

    /// <summary>
    /// Selects (id, headline, standfirst, body passage) of each story in <paramref name="ids"/> (an SQL list of integers),
    /// hits marked by @open and @close: one statement for the whole page.
    /// </summary>
    protected abstract string HighlightSql(string ids);

    /// <summary>Ids the index itself returned, written into a statement as an SQL list (they are integers, never reader input).</summary>
    protected static string IdList(IEnumerable<int> ids) => string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The column holding the matched article's id in the provider's statements.</summary>
    protected abstract string IdColumn { get; }

    /// <summary>
    /// The filters as a condition on the provider's statements (null for none), adding any parameters it needs:
    /// each database keeps a story's sections, authors, tags and publication date in its own index.
    /// </summary>
    protected abstract string? FilterSql(SearchFilters filters, List<(string Name, object Value)> parameters);

    protected async Task<object?> ScalarAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken ct)
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
