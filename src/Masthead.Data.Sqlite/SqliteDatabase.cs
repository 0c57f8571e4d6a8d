using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masthead.Data.Sqlite;

/// <summary>Everything SQLite-specific: the provider call and where its migrations live.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
}

/// <summary>Used by <c>dotnet ef</c> and by the migration guard tests to build the model as the tools see it.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MastheadDbContext>
{
    public MastheadDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDbContext>();
        SqliteDatabase.Configure(options, "Data Source=design-time.db");
        return new MastheadDbContext(options.Options);
    }
}
