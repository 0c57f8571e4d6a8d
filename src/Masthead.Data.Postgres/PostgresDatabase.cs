using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Masthead.Data.Postgres;

/// <summary>Everything PostgreSQL-specific: the provider call and where its migrations live.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, pg => pg.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
}

/// <summary>Used by <c>dotnet ef</c> and by the migration guard tests to build the model as the tools see it.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<MastheadDbContext>
{
    public MastheadDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MastheadDbContext>();
        PostgresDatabase.Configure(options, "Host=127.0.0.1;Database=masthead_design;Username=postgres");
        return new MastheadDbContext(options.Options);
    }
}
