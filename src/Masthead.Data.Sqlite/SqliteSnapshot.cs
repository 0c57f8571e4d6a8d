using Masthead.Core.Data;
using Microsoft.Data.Sqlite;

namespace Masthead.Data.Sqlite;

/// <summary>
/// SQLite's online backup API copies the database page by page under its own locks, so the copy is consistent even
/// while the server writes (copying the file is not: a write-ahead log may hold what the file does not yet).
/// </summary>
public sealed class SqliteSnapshot(string connectionString) : IDatabaseSnapshot
{
    public string Kind => "sqlite";
    public string FileName => "database.sqlite";

    public Task SaveAsync(string file, CancellationToken ct)
    {
        using var live = new SqliteConnection(connectionString);
        live.Open();
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        copy.Open();
        live.BackupDatabase(copy);
        return Task.CompletedTask;
    }

    public Task LoadAsync(string file, CancellationToken ct)
    {
        using var snapshot = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            snapshot.Open();
            using var check = snapshot.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            if (check.ExecuteScalar() as string != "ok") throw new DatabaseSnapshotException($"{file} is damaged (SQLite's quick_check failed); nothing was restored.");
        }
        catch (SqliteException e)
        {
            throw new DatabaseSnapshotException($"{file} is not a SQLite database SQLite can read ({e.Message}); nothing was restored.", e);
        }
        using var live = new SqliteConnection(connectionString);
        live.Open();
        // Pages are replaced inside SQLite's own transaction: a restore that fails leaves the database as it was.
        snapshot.BackupDatabase(live);
        // Pooled connections opened before the restore hold cached schema of the old database.
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
