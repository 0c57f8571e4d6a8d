using Masthead.Tests.Support;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Masthead.Tests.Data;

/// <summary>A test of SQLite's own behaviour; reported as skipped on PostgreSQL, never passed empty.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres) Skip = "About SQLite's prepared statements (MASTHEAD_TEST_DB=sqlite; ./test.sh runs it).";
    }
}

/// <summary>
/// The public site's prepared reads exist so that nothing is compiled per request. SQLite silently compiles a statement
/// again when a parameter it read while planning is bound anew (a bare LIMIT parameter, for one), and
/// Microsoft.Data.Sqlite binds every parameter on every execution: such a statement would be prepared once and
/// compiled on every use.
/// </summary>
public class PreparedStatementsTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const int StatusReprepare = 5; // SQLITE_STMTSTATUS_REPREPARE

    [SqliteFact]
    public void ThePublicSitesStatements_RunWithNewValues_WithoutBeingCompiledAgain()
    {
        var statements = HandWrittenSqlTests.PublicSiteStatements()
            .Where(s => s.Sql.TrimStart().StartsWith("SELECT", StringComparison.Ordinal) || s.Sql.TrimStart().StartsWith("WITH", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(statements, s => s.Name == "ListingReads.ListSql[Latest]");

        using var connection = new SqliteConnection(app.ConnectionString);
        connection.Open();
        var compiledAgain = new List<string>();
        foreach (var (name, sql) in statements)
        {
            Assert.True(raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement) == raw.SQLITE_OK,
                $"{name}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
            using (statement)
            {
                // Two executions with different values in every parameter, as two readers' requests bind them.
                foreach (var value in new[] { 1, 2 })
                {
                    for (var i = 1; i <= raw.sqlite3_bind_parameter_count(statement); i++) raw.sqlite3_bind_int(statement, i, value);
                    int step;
                    while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) { }
                    Assert.True(step == raw.SQLITE_DONE, $"{name}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
                    raw.sqlite3_reset(statement);
                }
                if (raw.sqlite3_stmt_status(statement, StatusReprepare, 0) > 0) compiledAgain.Add(name);
            }
        }
        Assert.True(compiledAgain.Count == 0, "Compiled again on every execution:\n" + string.Join("\n", compiledAgain));
    }
}

/// <summary>
/// A page's prepared reads run in one read transaction on SQLite (one snapshot, one WAL lock), which must end with the
/// page: a pooled connection left holding a read transaction would stop the WAL from ever being checkpointed.
/// </summary>
public class PreparedReadTransactionTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [SqliteFact]
    public async Task AfterPagesAreRead_NoReadTransactionIsLeftOpen_SoTheWalCanBeCheckpointedWhole()
    {
        var reader = app.Reader();
        foreach (var path in new[] { "/", "/culture", "/tag/community", "/author/adaeze-okafor", "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);

        using var connection = new SqliteConnection(app.ConnectionString);
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // 1 = busy: another connection still reads an older snapshot
    }
}
