namespace Masthead.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Masthead:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Empty means a SQLite file named masthead.db in the data folder.</summary>
    public string? ConnectionString { get; set; }
    public bool MigrateOnStartup { get; set; } = true;
    /// <summary>The folder of pg_dump and pg_restore for <c>masthead backup</c> and <c>restore</c>; empty finds them on the PATH.</summary>
    public string? PostgresTools { get; set; }
}
