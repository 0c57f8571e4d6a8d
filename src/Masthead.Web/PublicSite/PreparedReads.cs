using System.Collections.Concurrent;
using System.Data.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Web.PublicSite;

/// <summary>
/// A few long-lived read connections for the public site's hottest queries, each keeping its statements prepared.
/// EF Core builds and prepares every statement afresh, and Microsoft.Data.Sqlite has no statement cache, so
/// on an uncached article page most of the time went into compiling the same SQL again. Here each connection
/// prepares a statement once and then only binds new values. Reads only: nothing written goes through this.
/// </summary>
/// <remarks>
/// Each statement runs on its own (autocommit), so it sees everything committed before it started; a reader is
/// always disposed before the connection goes back, so no read transaction stays open (SQLite's WAL can then be
/// checkpointed). A connection that failed in any way is closed rather than reused.
/// </remarks>
public sealed class PreparedReads(IServiceScopeFactory scopes) : IAsyncDisposable
{
    /// <summary>
    /// At most this many connections, all kept open for reuse; a read that finds none free waits for one. Opening one
    /// more under a burst and closing it after (as this pool once did) cost an open, a prepare of every statement and a
    /// finalizer each time, for nothing: SQLite's statements run synchronously, so more connections than a few per core
    /// add no throughput, and each has its own page cache.
    /// </summary>
    public static readonly int MaxOpen = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly SemaphoreSlim _free = new(MaxOpen, MaxOpen);
    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private (DbProviderFactory Factory, string ConnectionString)? _source;
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="work"/> on an open connection with its prepared statements.</summary>
    public async Task<T> RunAsync<T>(Func<PreparedConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _free.WaitAsync(ct);
        try
        {
            return await RunOnOneAsync(work, ct);
        }
        finally
        {
            _free.Release();
        }
    }

    private async Task<T> RunOnOneAsync<T>(Func<PreparedConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var fromIdle = _idle.TryTake(out var idle);
        var connection = fromIdle ? idle! : await OpenAsync(ct);
        T result;
        try
        {
            result = await connection.InOneReadAsync(work, ct);
        }
        catch (DbException e) when (fromIdle && (e.IsTransient || !connection.IsOpen) && !ct.IsCancellationRequested)
        {
            // The server went away since this connection was last used (a restart, a failover): every idle one is as
            // stale. Drop them all and read again on a new connection (reads only, so trying again is safe), so a
            // database restart costs readers nothing.
            await connection.DisposeAsync();
            while (_idle.TryTake(out var stale)) await stale.DisposeAsync();
            connection = await OpenAsync(ct);
            try
            {
                result = await connection.InOneReadAsync(work, ct);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        if (!_disposed) _idle.Add(connection);
        else await connection.DisposeAsync();
        return result;
    }

    /// <summary>Ids padded with 0 (which no row has) to a statement's fixed number of slots, so its text never changes.</summary>
    public static object[] Slots(IEnumerable<int> ids, int slots)
    {
        var values = new object[slots];
        var i = 0;
        foreach (var id in ids.Take(slots)) values[i++] = id;
        for (; i < slots; i++) values[i] = 0;
        return values;
    }

    private async Task<PreparedConnection> OpenAsync(CancellationToken ct)
    {
        if (_source is null)
        {
            // The connection type and string are the application's own context's, whichever database it uses.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
            var template = db.Database.GetDbConnection();
            // These connections are this pool's own: the provider's pool would keep the extra ones open after use.
            var builder = new DbConnectionStringBuilder { ConnectionString = db.Database.GetConnectionString() ?? template.ConnectionString };
            builder["Pooling"] = false;
            _source = (DbProviderFactories.GetFactory(template) ?? throw new InvalidOperationException("The database provider has no ADO.NET factory."),
                builder.ConnectionString);
        }
        var connection = _source.Value.Factory.CreateConnection()!;
        connection.ConnectionString = _source.Value.ConnectionString;
        try
        {
            await connection.OpenAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new PreparedConnection(connection);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection)) await connection.DisposeAsync();
    }
}

/// <summary>An open connection and the statements it has prepared, by SQL text.</summary>
public sealed class PreparedConnection(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = [];

    /// <summary>False once the provider has seen the connection break (a server restart, a terminated backend).</summary>
    public bool IsOpen => connection.State == System.Data.ConnectionState.Open;

    /// <summary>
    /// The statement for <paramref name="sql"/> with <paramref name="values"/> bound to @p0, @p1… in order, prepared on
    /// first use. A value's type must stay the same from one call to the next (databases prepare with the types).
    /// </summary>
    public async Task<DbDataReader> ReadAsync(string sql, object[] values, CancellationToken ct) =>
        await (await CommandAsync(sql, values, ct)).ExecuteReaderAsync(ct);

    private async Task<DbCommand> CommandAsync(string sql, object[] values, CancellationToken ct)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }
            await command.PrepareAsync(ct);
            _commands[sql] = command;
        }
        else
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        }
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/>'s statements in one read transaction on SQLite: one snapshot for the whole page, and
    /// the WAL read lock taken once instead of once per statement. (PostgreSQL would pay two more round trips for it.)
    /// </summary>
    public async Task<T> InOneReadAsync<T>(Func<PreparedConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection) return await work(this, ct);
        await (await CommandAsync("BEGIN", [], ct)).ExecuteNonQueryAsync(ct);
        var result = await work(this, ct);
        await (await CommandAsync("COMMIT", [], ct)).ExecuteNonQueryAsync(ct);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values) await command.DisposeAsync();
        _commands.Clear();
        await connection.DisposeAsync();
    }
}
