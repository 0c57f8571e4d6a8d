using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Core.Webhooks;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>One subscription's delivery log: the latest deliveries, their state, and every attempt with status, time and error.</summary>
public sealed class WebhookLogModel(MastheadDbContext db, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageWebhooks(role);

    public const int Shown = 50;

    public sealed record AttemptRow(int Number, DateTime At, int? StatusCode, int DurationMs, string? Error);
    public sealed record DeliveryRow(long Id, string Type, Guid EventId, WebhookDeliveryState State, int Attempts, DateTime CreatedAt,
        DateTime NextAttemptAt, IReadOnlyList<AttemptRow> Log);

    public int SubscriptionId { get; private set; }
    public string Address { get; private set; } = "";
    public IReadOnlyList<DeliveryRow> Deliveries { get; private set; } = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return NotFound();
        Notice = done == "test" ? "Test event queued. Reload this page in a few seconds to see how it went." : null;
        _zone = (await site.GetAsync()).TimeZone;
        SubscriptionId = id;
        Address = subscription.Url;
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(Shown)
            .Select(d => new { d.Id, d.Event.Type, d.Event.EventId, d.State, d.Attempts, d.CreatedAt, d.NextAttemptAt })
            .ToListAsync(ct);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Number)
            .Select(a => new { a.DeliveryId, Row = new AttemptRow(a.Number, a.At, a.StatusCode, a.DurationMs, a.Error) }).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId, a => a.Row);
        Deliveries = deliveries.Select(d => new DeliveryRow(d.Id, d.Type, d.EventId, d.State, d.Attempts, d.CreatedAt, d.NextAttemptAt, attempts[d.Id].ToList())).ToList();
        return Page();
    }

    public static string StateText(DeliveryRow d, Func<DateTime, string> local) => d.State switch
    {
        WebhookDeliveryState.Delivered => "Delivered",
        WebhookDeliveryState.Dead => $"Given up after {d.Attempts} attempts",
        _ => d.Attempts == 0 ? "Waiting to be sent" : $"Failed, next attempt {local(d.NextAttemptAt)}",
    };
}
