using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>
/// Tells the caches in front (every <see cref="ICdnPurger"/>) about each recorded content change, from exactly one node:
/// a node claims a change for thirty seconds with a conditional update before purging it, and another takes over if it
/// dies. A refused or failed purge is retried with a growing wait until it is accepted. A change is first purged once
/// every live node has evicted it (<see cref="ClusterNodeProgress"/>), and purged again later as a safety net
/// (see <see cref="Core.Changes.ContentChangeRecord.PurgeRounds"/>). Runs on every node; idle without purgers.
/// </summary>
public sealed class CdnPurgeSender(IServiceScopeFactory scopes, ContentChangeBroadcaster tags,
    TimeProvider time, IOptions<MastheadOptions> options, ILogger<CdnPurgeSender> logger) : BackgroundService
{
    private static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Changes were recorded: look for due purges now rather than on the next tick.</summary>
    public void Poke()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
            if (!scope.ServiceProvider.GetServices<ICdnPurger>().Any()) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("The purge sender could not read the change record ({Message}); trying again in five seconds.", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Purges every change that is due; returns how many purges were accepted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        // Resolved per pass: purgers are typed HTTP clients, which should not live for the life of the process.
        var purgers = scope.ServiceProvider.GetServices<ICdnPurger>().ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(-1); // older changes were purged long ago or concern pages long since expired
        var due = await db.ContentChanges.AsNoTracking()
            .Where(c => c.PurgedAt == null && c.At > horizon && (c.PurgeNextAttemptAt == null || c.PurgeNextAttemptAt <= now)
                && (c.PurgeClaimedUntil == null || c.PurgeClaimedUntil < now))
            .OrderBy(c => c.Id).Take(50).ToListAsync(ct);
        var slowest = due.Count == 0 ? null : await ClusterNodeProgress.SlowestLiveNodeAsync(db, now, ct);
        var sent = 0;
        foreach (var change in due)
        {
            // The first round waits (briefly) for every live node to evict the change: a cache purged sooner would
            // refetch the page from a node still behind and keep the old one. Another node's word wakes this loop.
            if (change.PurgeRounds == 0 && slowest < change.Id && now - change.At < ClusterNodeProgress.LongestWait) continue;
            var claimed = await db.ContentChanges
                .Where(c => c.Id == change.Id && c.PurgedAt == null && c.PurgeRounds == change.PurgeRounds && (c.PurgeClaimedUntil == null || c.PurgeClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.PurgeClaimedUntil, now + Claim), ct);
            if (claimed == 0) continue; // another node has it
            try
            {
                var names = await tags.ExpandedTagsAsync(db, change.ToChange(), ct);
                foreach (var purger in purgers) await purger.PurgeAsync(names, ct);
                var done = time.GetUtcNow().UtcDateTime;
                // The second round waits until every node has surely caught up (push, or at worst its catch-up read).
                var confirmAt = done.AddSeconds(options.Value.Cluster.CatchUpSeconds + 1);
                await db.ContentChanges.Where(c => c.Id == change.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.PurgeRounds, c => c.PurgeRounds + 1)
                    .SetProperty(c => c.PurgedAt, c => c.PurgeRounds + 1 >= 2 ? (DateTime?)done : null)
                    .SetProperty(c => c.PurgeNextAttemptAt, c => c.PurgeRounds + 1 >= 2 ? null : (DateTime?)confirmAt)
                    .SetProperty(c => c.PurgeClaimedUntil, (DateTime?)null), ct);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(change.PurgeAttempts + 1, 9))));
                logger.LogWarning("Purging change {Id} failed ({Message}); trying again in {Seconds} s.", change.Id, ex.Message, wait.TotalSeconds);
                await db.ContentChanges.Where(c => c.Id == change.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.PurgeAttempts, c => c.PurgeAttempts + 1)
                    .SetProperty(c => c.PurgeNextAttemptAt, now + wait)
                    .SetProperty(c => c.PurgeClaimedUntil, (DateTime?)null), CancellationToken.None);
            }
        }
        return sent;
    }
}
