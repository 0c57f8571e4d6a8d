using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Webhooks;
using Masthead.Web.PublicSite;
using Masthead.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>
/// Webhook subscriptions: subscribe an address to events (its signing secret is shown on this response only), send
/// it a test, remove it; each links to its delivery log.
/// </summary>
public sealed class WebhooksModel(MastheadDbContext db, WebhookSubscriptions subscriptions, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageWebhooks(role);

    public sealed record Row(int Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt, int Pending, int Dead, DateTime? LastDeliveredAt);

    [BindProperty] public string? Address { get; set; }
    [BindProperty] public List<string> Events { get; set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Secret { get; private set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [WebhookEventTypes.ArticlePublished] = "a story is published (now or on schedule)",
        [WebhookEventTypes.ArticleUpdated] = "a published story is changed",
        [WebhookEventTypes.ArticleUnpublished] = "a published story is taken down",
        [WebhookEventTypes.ArticleDeleted] = "a published story is deleted",
        [WebhookEventTypes.SectionChanged] = "a section is added, changed, moved or deleted",
        [WebhookEventTypes.AuthorChanged] = "an author profile is added or changed",
        [WebhookEventTypes.LiveEntryCreated] = "an entry is posted on a public live blog",
        [WebhookEventTypes.LiveEntryUpdated] = "an entry on a public live blog is changed",
        [WebhookEventTypes.LiveEntryDeleted] = "an entry on a public live blog is deleted",
    };

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "removed" => "Webhook removed: nothing more is sent to that address.",
            "test" => "Test event queued. It appears in the delivery log within a few seconds.",
            _ => null,
        };
        Events = [.. WebhookEventTypes.Subscribable.Take(3)];
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await subscriptions.CreateAsync(Address, Events, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Outcome == Outcome.Created)
        {
            Secret = result.Value.Secret;
            Notice = $"Subscribed {result.Value.Subscription.Url}.";
            Address = null;
        }
        else Fail(result);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var result = await subscriptions.DeleteAsync(id, Me, ct);
        return await AnswerAsync(result, "/newsroom/settings/webhooks?done=removed", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken ct)
    {
        var result = await subscriptions.SendTestAsync(id, Me, ct);
        return await AnswerAsync(result, $"/newsroom/settings/webhooks/{id}?done=test", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var rows = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Url).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Url, s.Events, s.CreatedAt,
                Pending = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Pending),
                Dead = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Dead),
                Last = db.WebhookDeliveries.Where(d => d.SubscriptionId == s.Id && d.State == WebhookDeliveryState.Delivered).Max(d => d.CompletedAt),
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Url, r.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.CreatedAt, r.Pending, r.Dead, r.Last)).ToList();
    }
}
