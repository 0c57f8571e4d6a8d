using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Masthead.Tests.Data;

/// <summary>Both migration sets match the model and each other, built the way `dotnet ef` builds the context.</summary>
public class MigrationTests
{
    [Fact]
    public void Sqlite_HasNoPendingModelChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run eng/add-migration.sh.");
    }

    [Fact]
    public void Postgres_HasNoPendingModelChanges()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run eng/add-migration.sh.");
    }

    [Fact]
    public void MigrationSets_AreInLockstep()
    {
        static List<string> Names(DbContext db) => db.GetService<IMigrationsAssembly>().Migrations.Keys
            .Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        var sqliteNames = Names(sqlite);
        Assert.NotEmpty(sqliteNames);
        Assert.Equal(sqliteNames, Names(postgres));
    }
}
