using Masthead.Core.Data;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;

namespace Masthead.Web.Hosting;

/// <summary>The one place the configured provider picks its engine; everything else asks the engine.</summary>
public static class DatabaseEngines
{
    private static readonly SqliteDatabase Sqlite = new();
    private static readonly PostgresDatabase Postgres = new();

    public static IDatabaseEngine For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.Postgres => Postgres,
        _ => throw new InvalidOperationException($"Unknown database provider '{provider}'. Use Sqlite or Postgres."),
    };
}
