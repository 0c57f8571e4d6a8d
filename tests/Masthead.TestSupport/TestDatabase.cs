namespace Masthead.TestSupport;

/// <summary>
/// Which real database the suite runs on: SQLite by default, PostgreSQL when MASTHEAD_TEST_DB=postgres
/// (test.sh starts a throwaway server and sets MASTHEAD_TEST_PG to its connection string).
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MASTHEAD_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("MASTHEAD_TEST_PG")
        ?? throw new InvalidOperationException("MASTHEAD_TEST_DB=postgres needs MASTHEAD_TEST_PG, e.g. Host=127.0.0.1;Port=55432;Username=postgres (./test.sh sets it).");

    /// <summary>A fresh, empty database of the configured kind.</summary>
    public static string NewConnectionString(string dataDirectory) => IsPostgres
        ? $"{PostgresServer};Database=masthead_test_{Guid.NewGuid():N}"
        : $"Data Source={Path.Combine(dataDirectory, "masthead.db")}";
}
