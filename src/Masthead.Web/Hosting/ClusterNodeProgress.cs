using Masthead.Core.Changes;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>
/// This node's row in <see cref="ClusterNode"/>: how far it has followed the change record, written after every
/// eviction and every few seconds besides (<see cref="ClusterNodeHeartbeat"/>). The purge sender waits, for a short
/// while, until every live node has evicted a change before purging the caches in front; otherwise a cache asked to
/// refetch a page could get it from a node that has not yet heard of the change, and keep that old page.
/// </summary>
public sealed class ClusterNodeProgress(IServiceScopeFactory scopes, TimeProvider time, IOptions<MastheadOptions> options)
{
    /// <summary>The PostgreSQL channel a node notifies after it has evicted changes, so the purge sender looks again.</summary>
    public const string Channel = "masthead_node_progress";

    /// <summary>How often a node says it is alive.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);

    /// <summary>A node silent for this long is taken as gone (stopped, killed, cut off) and no longer waited for.</summary>
    public static readonly TimeSpan GoneAfter = 3 * HeartbeatEvery;

    /// <summary>
    /// The longest a purge waits for a node that is alive but behind. After it the purge goes anyway: the caches then
    /// hold at worst what the slow node serves until the change's second purge round.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    private readonly DateTime _startedAt = time.GetUtcNow().UtcDateTime;
    private long _reported = -1;

    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Records that this node has evicted every change up to <paramref name="appliedChangeId"/>.</summary>
    public async Task ReportAsync(long appliedChangeId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.ClusterNodes.Where(n => n.NodeId == NodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.SeenAt, now).SetProperty(n => n.AppliedChangeId, appliedChangeId), ct);
        if (updated == 0)
        {
            db.ClusterNodes.Add(new ClusterNode
            {
                NodeId = NodeId, Host = Environment.MachineName, StartedAt = _startedAt, SeenAt = now, AppliedChangeId = appliedChangeId,
            });
            await db.SaveChangesAsync(ct);
        }
        // Another node's purge sender may be waiting for exactly this.
        if (Interlocked.Exchange(ref _reported, appliedChangeId) != appliedChangeId
            && options.Value.Database.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{Channel}', '')", ct);
    }

    /// <summary>
    /// The oldest progress among live nodes, or null when none has reported. A change with a higher id has not been
    /// evicted everywhere yet.
    /// </summary>
    public static Task<long?> SlowestLiveNodeAsync(MastheadDbContext db, DateTime now, CancellationToken ct)
    {
        var alive = now - GoneAfter;
        return db.ClusterNodes.Where(n => n.SeenAt > alive).MinAsync(n => (long?)n.AppliedChangeId, ct);
    }

    /// <summary>Removes this node's row as it stops, so nobody waits for it; rows of nodes long gone go with it.</summary>
    public async Task LeaveAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var longGone = time.GetUtcNow().UtcDateTime.AddDays(-1);
        await db.ClusterNodes.Where(n => n.NodeId == NodeId || n.SeenAt < longGone).ExecuteDeleteAsync(ct);
    }
}
