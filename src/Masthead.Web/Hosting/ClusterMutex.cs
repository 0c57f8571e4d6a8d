using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masthead.Web.Hosting;

/// <summary>
/// A named turn that only one node at a time may take: a PostgreSQL session advisory lock on a connection of its own,
/// released when disposed (or when the node dies, with its connection). On SQLite there is one node, and the caller's
/// own in-process guard is all that is needed.
/// </summary>
public sealed class ClusterMutex(IOptions<MastheadOptions> options)
{
    public async Task<IAsyncDisposable> TakeAsync(string name, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Database.Provider != DatabaseProvider.Postgres) return Nothing.Instance;
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
        var connection = new NpgsqlConnection(DatabaseStartup.ConnectionStringFor(settings));
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            await take.ExecuteNonQueryAsync(ct);
            return new Held(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = key } } };
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session would release it anyway; the pool resets the connection before reuse.
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
