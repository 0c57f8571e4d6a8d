using Npgsql;

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

    /// <summary>Drops a test's PostgreSQL database once its app has stopped (its pooled connections go first).</summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        await using var server = new NpgsqlConnection($"{PostgresServer};Database=postgres;Pooling=false");
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
