using Masthead.Core.Data;
using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Data.Sqlite;

/// <summary>Everything SQLite-specific: the provider call, where its migrations live, its search index, backups and settings.</summary>
public sealed class SqliteDatabase : IDatabaseEngine
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) => Use(options, connectionString);

    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString)
    {
        WithoutMemoryStatistics.Value.ToString();
        return options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
    }

    /// <summary>
    /// SQLite counts the memory it allocates under one process-wide mutex unless told not to (SQLITE_CONFIG_MEMSTATUS).
    /// Nothing here reads those counts, and under many concurrent readers the threads queued on that mutex (futex calls
    /// showed in a profile of the uncached home page). It can only be set before SQLite's first use in the process.
    /// </summary>
    private static readonly Lazy<bool> WithoutMemoryStatistics = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
    });

    public ISearchIndex CreateSearchIndex(MastheadDbContext db) => new SqliteSearchIndex(db);

    public IDatabaseSnapshot CreateSnapshot(string connectionString, DatabaseOptions options) => new SqliteSnapshot(connectionString);

    public async Task AfterMigrationsAsync(MastheadDbContext db, CancellationToken ct)
    {
        // Write-ahead logging lets readers carry on while an editor saves.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // A later migration that rebuilt a table the search triggers sit on has dropped them: put them back.
        if (await db.Database.SqlQueryRaw<int>(SqliteSearchSchema.TriggerCount).SingleAsync(ct) < SqliteSearchSchema.ExpectedTriggerCount)
            await db.Database.ExecuteSqlRawAsync(SqliteSearchSchema.Repair, ct);
    }

    /// <summary>SQLite continues a rowid after the highest row, so restored ids need nothing more.</summary>
    public Task AfterRowsRestoredAsync(MastheadDbContext db, IReadOnlyList<IEntityType> entities, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Used by <c>dotnet ef</c> and by the migration guard tests to build the model as the tools see it.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MastheadDbContext>
{
    public MastheadDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDbContext>();
        SqliteDatabase.Use(options, "Data Source=design-time.db");
        return new MastheadDbContext(options.Options);
    }
}
