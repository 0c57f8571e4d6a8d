using Microsoft.Data.Sqlite;
using Npgsql;

namespace Masthead.TestSupport;

/// <summary>
/// What a first start with the default test settings leaves behind (the migrated database with the first admin and the
/// demo publication, and the demo's pictures in the data folder), made once per test run by a real first start and
/// copied into each app that opts in (<see cref="MastheadAppFactory.StartsFromFirstStartCopy"/>), which then starts as
/// a restarted node does. Painting and storing the demo's pictures and migrating took most of each class's start (see
/// README, "How long ./test.sh takes"); a copy is a file copy on SQLite and CREATE DATABASE … TEMPLATE on PostgreSQL.
/// </summary>
/// <remarks>
/// Left out of the copy, so each app still makes its own: the data protection keys (each install signs with its own
/// key, made on its first start) and the template app's row in the cluster's node list (a copy is not that node).
/// </remarks>
internal sealed class FirstStartCopy
{
    private static readonly Lazy<Task<FirstStartCopy>> Default = new(() => Task.Run(MakeAsync));

    private readonly string _dataDirectory;
    private readonly string _connectionString;

    private FirstStartCopy(string dataDirectory, string connectionString)
    {
        _dataDirectory = dataDirectory;
        _connectionString = connectionString;
    }

    /// <summary>Puts a copy of the first start's data folder and database where an app's are to be; made on first use.</summary>
    public static void CopyTo(string dataDirectory, string connectionString) =>
        // Waited for synchronously: the host is being built (ConfigureWebHost), which has no asynchronous hook.
        Task.Run(async () => (await Default.Value).CopyToAsync(dataDirectory, connectionString)).GetAwaiter().GetResult().GetAwaiter().GetResult();

    private static async Task<FirstStartCopy> MakeAsync()
    {
        var app = new MastheadAppFactory(makesFirstStartCopy: true) { KeepDataOnDispose = true };
        await app.InitializeAsync();
        // Stops the app and checks what it logged, as any test app's stop does.
        await ((IAsyncLifetime)app).DisposeAsync();
        var copy = new FirstStartCopy(app.DataDirectory, app.ConnectionString);
        await copy.ForgetNodeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => copy.Delete();
        return copy;
    }

    /// <summary>Removes what belongs to the app that made the copy rather than to the publication.</summary>
    private async Task ForgetNodeAsync()
    {
        const string Forget = """DELETE FROM "DataProtectionKeys"; DELETE FROM "ClusterNodes";""";
        if (TestDatabase.IsPostgres)
        {
            await using (var pooled = new NpgsqlConnection(_connectionString)) NpgsqlConnection.ClearPool(pooled);
            await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
            await db.OpenAsync();
            await using var forget = new NpgsqlCommand(Forget, db);
            await forget.ExecuteNonQueryAsync();
        }
        else
        {
            // The app's pooled connections close first, so this is the last connection and closing it folds the
            // write-ahead log into the file: the folder then holds the whole database in masthead.db.
            using (var pooled = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(pooled);
            await using var db = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
            await db.OpenAsync();
            await using var forget = db.CreateCommand();
            forget.CommandText = Forget + " PRAGMA wal_checkpoint(TRUNCATE);";
            await forget.ExecuteNonQueryAsync();
        }
    }

    private async Task CopyToAsync(string dataDirectory, string connectionString)
    {
        foreach (var file in Directory.EnumerateFiles(_dataDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_dataDirectory, file);
            // The database's write-ahead log and shared memory belong to its connections, of which none is open.
            if (relative.EndsWith("-wal", StringComparison.Ordinal) || relative.EndsWith("-shm", StringComparison.Ordinal)) continue;
            var target = Path.Combine(dataDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        if (TestDatabase.IsPostgres)
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            var template = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
            await using var server = new NpgsqlConnection($"{TestDatabase.PostgresServer};Database=postgres;Pooling=false");
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        else if (new SqliteConnectionStringBuilder(connectionString).DataSource != Path.Combine(dataDirectory, "masthead.db"))
        {
            throw new InvalidOperationException($"A first-start copy expects the SQLite database in the data folder, not at {connectionString}.");
        }
    }

    private void Delete()
    {
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
        if (!TestDatabase.IsPostgres) return;
        try { TestDatabase.DropPostgresDatabaseAsync(_connectionString).GetAwaiter().GetResult(); }
        catch (NpgsqlException) { } // the throwaway server may already be gone; the database goes with it
    }
}
