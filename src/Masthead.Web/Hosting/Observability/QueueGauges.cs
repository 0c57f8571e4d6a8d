using System.Diagnostics.Metrics;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Webhooks;

namespace Masthead.Web.Hosting.Observability;

/// <summary>
/// The queues an operator watches, counted in the database at most every ten seconds however often /metrics is
/// scraped: webhook deliveries waiting and given up, and changes the caches in front have not yet heard of. A second
/// meter of the name <see cref="MastheadMetrics.MeterName"/>, beside the core's counters.
/// </summary>
public sealed class QueueGauges
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private (DateTime At, Snapshot Value) _last = (DateTime.MinValue, new Snapshot(0, 0, 0));

    private readonly bool _purging;

    public QueueGauges(IMeterFactory meters, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MastheadOptions> options, TimeProvider time)
    {
        _time = time;
        _scopes = scopes;
        _purging = options.Value.Cache.PurgeUrls.Count > 0; // without caches in front, nothing waits to be purged
        var meter = meters.Create(MastheadMetrics.MeterName);
        meter.CreateObservableGauge("masthead.webhooks.pending", () => Read().WebhooksPending, "{delivery}", "Webhook deliveries waiting to be sent.");
        meter.CreateObservableGauge("masthead.webhooks.dead", () => Read().WebhooksDead, "{delivery}", "Webhook deliveries given up after their last attempt.");
        meter.CreateObservableGauge("masthead.cdn_purges.pending", () => Read().PurgesPending, "{change}", "Content changes the caches in front have not yet been told of.");
    }

    private sealed record Snapshot(long WebhooksPending, long WebhooksDead, long PurgesPending);

    private Snapshot Read()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            if (now - _last.At < TimeSpan.FromSeconds(10)) return _last.Value;
            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
                var horizon = now.AddDays(-1);
                _last = (now, new Snapshot(
                    db.WebhookDeliveries.LongCount(d => d.State == WebhookDeliveryState.Pending),
                    db.WebhookDeliveries.LongCount(d => d.State == WebhookDeliveryState.Dead),
                    _purging ? db.ContentChanges.LongCount(c => c.PurgedAt == null && c.At > horizon) : 0));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                // A database that does not answer leaves the last counts; readiness says why.
            }
            return _last.Value;
        }
    }
}
