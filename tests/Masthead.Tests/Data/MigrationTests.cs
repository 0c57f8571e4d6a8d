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

    /// <summary>
    /// A migration that calls live code changes when that code does, and databases made before and after disagree.
    /// Migrations may reach into Masthead only for their frozen SQL files (<see cref="Masthead.Core.Data.MigrationScript"/>),
    /// and every file they name is embedded.
    /// </summary>
    [Fact]
    public void Migrations_CallNoLiveCode_AndTheirFrozenScriptsAreEmbedded()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Masthead.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var checkedScripts = 0;
        foreach (var (project, assembly) in new[] { ("Masthead.Data.Sqlite", typeof(SqliteDatabase).Assembly), ("Masthead.Data.Postgres", typeof(PostgresDatabase).Assembly) })
        {
            var migrations = Directory.GetFiles(Path.Combine(root.FullName, "src", project, "Migrations"), "*.cs")
                .Where(f => !f.EndsWith(".Designer.cs", StringComparison.Ordinal) && !f.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(migrations);
            foreach (var file in migrations)
            {
                var source = File.ReadAllText(file);
                var reaches = System.Text.RegularExpressions.Regex.Matches(source, @"Masthead(\.\w+)+").Select(m => m.Value)
                    .Where(r => r != "Masthead.Core.Data" && r != $"{project}.Migrations" && !r.StartsWith("Masthead.Core.Data.MigrationScript", StringComparison.Ordinal));
                Assert.True(!reaches.Any(), $"{Path.GetFileName(file)} reaches live code: {string.Join(", ", reaches)}. Freeze its SQL in Migrations/Sql instead.");
                foreach (System.Text.RegularExpressions.Match script in System.Text.RegularExpressions.Regex.Matches(source, @"MigrationScript\.Read\([^,]+, ""([^""]+)""\)"))
                {
                    Assert.False(string.IsNullOrWhiteSpace(Masthead.Core.Data.MigrationScript.Read(assembly, script.Groups[1].Value)));
                    checkedScripts++;
                }
            }
        }
        Assert.True(checkedScripts >= 5, $"only {checkedScripts} frozen scripts were found in the migrations");
    }
}
