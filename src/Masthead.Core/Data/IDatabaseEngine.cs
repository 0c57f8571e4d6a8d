using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Core.Data;

/// <summary>
/// What differs between the databases Masthead runs on, implemented once in each provider project
/// (Masthead.Data.Sqlite, Masthead.Data.Postgres): the rest of the code asks the engine instead of testing the provider.
/// </summary>
public interface IDatabaseEngine
{
    DatabaseProvider Provider { get; }

    DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString);

    ISearchIndex CreateSearchIndex(MastheadDbContext db);

    IDatabaseSnapshot CreateSnapshot(string connectionString, DatabaseOptions options);

    /// <summary>Runs after migrations on every start and command: settings and repairs the migrations cannot keep.</summary>
    Task AfterMigrationsAsync(MastheadDbContext db, CancellationToken ct);

    /// <summary>Runs after a restore wrote <paramref name="entities"/>' rows with their own ids, inside its transaction.</summary>
    Task AfterRowsRestoredAsync(MastheadDbContext db, IReadOnlyList<IEntityType> entities, CancellationToken ct);
}
