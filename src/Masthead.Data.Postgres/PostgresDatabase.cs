using Masthead.Core.Data;
using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Data.Postgres;

/// <summary>Everything PostgreSQL-specific: the provider call, where its migrations live, its search index and backups.</summary>
public sealed class PostgresDatabase : IDatabaseEngine
{
    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) => Use(options, connectionString);

    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, pg => pg.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));

    public ISearchIndex CreateSearchIndex(MastheadDbContext db) => new PostgresSearchIndex(db);

    public IDatabaseSnapshot CreateSnapshot(string connectionString, DatabaseOptions options) => new PostgresSnapshot(connectionString, options.PostgresTools);

    public Task AfterMigrationsAsync(MastheadDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Rows came with their ids: each identity sequence continues after the highest.</summary>
    public async Task AfterRowsRestoredAsync(MastheadDbContext db, IReadOnlyList<IEntityType> entities, CancellationToken ct)
    {
        foreach (var entity in entities)
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var t, ValueGenerated: ValueGenerated.OnAdd } key] && (t == typeof(int) || t == typeof(long)))
            {
                var table = (entity.GetSchema() is { } schema ? $"\"{schema}\"." : "") + $"\"{entity.GetTableName()}\"";
                var column = key.GetColumnName();
                var setval = $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM {table}), 0) + 1, false)";
                await db.Database.ExecuteSqlRawAsync(setval, ct);
            }
    }
}

/// <summary>Used by <c>dotnet ef</c> and by the migration guard tests to build the model as the tools see it.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<MastheadDbContext>
{
    public MastheadDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDbContext>();
        PostgresDatabase.Use(options, "Host=127.0.0.1;Database=masthead_design;Username=postgres");
        return new MastheadDbContext(options.Options);
    }
}
