using Masthead.Core.Changes;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Masthead.Web.Hosting;

/// <summary>
/// Keeps this node's page cache and site model in step with every change committed by any node. It reads the
/// <see cref="ContentChangeRecord"/> rows it has not seen, in order, and evicts exactly what each touched. It reads
/// them at once after a save on this node (<see cref="ContentChangeSignal"/>), when PostgreSQL notifies it of a
/// commit elsewhere (LISTEN), and every few seconds besides, so a missed notification or a lost connection costs
/// a little delay, never a stale page. After each eviction it records how far it has got (<see cref="ClusterNodeProgress"/>).
/// </summary>
public sealed class ContentChangeFollower(IServiceScopeFactory scopes, ContentChangeBroadcaster eviction, ContentChangeSignal signal, CdnPurgeSender purges,
    ClusterNodeProgress progress,
    TimeProvider time, IOptions<MastheadOptions> options, ILogger<ContentChangeFollower> logger) : BackgroundService
{
    /// <summary>
    /// How long the record of changes is kept: far longer than any node stays disconnected and still serves (a node that
    /// starts reads only what comes after), and than the purge sender looks back (a day).
    /// </summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(7);
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    /// <summary>The PostgreSQL channel a trigger on "ContentChanges" notifies when a change commits.</summary>
    public const string Channel = "masthead_content_changes";
    private TimeSpan CatchUpEvery => TimeSpan.FromSeconds(options.Value.Cluster.CatchUpSeconds);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _seen = -1;

    /// <summary>The newest change this node has acted on (for tests and the metrics).</summary>
    public long Seen => Interlocked.Read(ref _seen);

    public override async Task StartAsync(CancellationToken ct)
    {
        try
        {
            // Before the node serves anything: where the record stands now (its cache is empty until then).
            await CatchUpAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not read where content changes stand ({Message}); the follower retries in the background.", ex.Message);
        }
        signal.OnCommitted = CatchUpAsync;
        await base.StartAsync(ct);
    }

    /// <summary>Acts on every change committed since the last call; safe to call from any thread at any time.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
            if (_seen < 0)
            {
                // A node that has just started has an empty cache: only what comes after now matters.
                _seen = await db.ContentChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
                return;
            }
            while (true)
            {
                var rows = await db.ContentChanges.AsNoTracking().Where(c => c.Id > _seen).OrderBy(c => c.Id).Take(500).ToListAsync(ct);
                if (rows.Count == 0) return;
                var change = new ContentChange([], [], [], []);
                foreach (var row in rows) change = change.Merge(row.ToChange());
                await eviction.EvictAsync(db, change, ct);
                var evicted = time.GetUtcNow().UtcDateTime;
                foreach (var row in rows) MastheadMetrics.VisibleLag(evicted - row.At);
                Interlocked.Exchange(ref _seen, rows[^1].Id);
                await ReportProgressAsync(rows[^1].Id, ct);
                purges.Poke();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // The purge sender on whichever node holds this change waits for it; the heartbeat writes it again if this fails.
    private async Task ReportProgressAsync(long applied, CancellationToken ct)
    {
        try
        {
            await progress.ReportAsync(applied, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not record that this node evicted change {Id} ({Message}).", applied, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                if (time.GetUtcNow() - _lastPruned > TimeSpan.FromHours(1)) await PruneAsync(stoppingToken);
                if (settings.Database.Provider == DatabaseProvider.Postgres) await ListenAsync(settings, stoppingToken);
                else await Task.Delay(CatchUpEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Could not read content changes ({Message}); trying again in a second, and catching up then.", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Deletes changes older than <see cref="Kept"/>; every node may do it, the same rows go either way.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        _lastPruned = time.GetUtcNow();
        var before = _lastPruned.UtcDateTime - Kept;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MastheadDbContext>().ContentChanges.Where(c => c.At < before).ExecuteDeleteAsync(ct);
    }

    // One connection of its own, listening; every notification, or five quiet seconds, means a catch-up read.
    private async Task ListenAsync(MastheadOptions settings, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseStartup.ConnectionStringFor(settings))
        {
            KeepAlive = 10, Pooling = false, ApplicationName = "masthead-change-listener",
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {ClusterNodeProgress.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
        // Whatever committed while the connection was being made is read now.
        await CatchUpAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            // True on a notification, false after the quiet interval: either way, read what is new. A notification
            // may also be another node saying it has evicted a change, which a purge here may be waiting for.
            if (await connection.WaitAsync(CatchUpEvery, ct)) purges.Poke();
            await CatchUpAsync(ct);
            if (time.GetUtcNow() - _lastPruned > TimeSpan.FromHours(1)) await PruneAsync(ct);
        }
    }
}
