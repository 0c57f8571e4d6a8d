using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Webhooks;

/// <summary>Subscribing addresses to events, removing them, and queueing a test delivery; admins only.</summary>
public sealed class WebhookSubscriptions(MastheadDbContext db, TimeProvider time, WebhookSecrets secrets, WebhookSignal signal, IWebhookPayloads payloads)
{
    public const int UrlLimit = 2000;

    /// <summary>Creates a subscription and returns it with its signing secret, which is shown this once.</summary>
    public async Task<Result<(WebhookSubscription Subscription, string Secret)>> CreateAsync(string? url, IReadOnlyCollection<string>? events,
        Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageWebhooks(actor.Role)) return Result<(WebhookSubscription, string)>.Forbidden("Only admins manage webhooks.");
        var errors = new ValidationErrors();
        var address = CheckUrl(url, errors);
        var chosen = (events ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList();
        var unknown = chosen.Where(e => !WebhookEventTypes.Subscribable.Contains(e)).ToList();
        if (chosen.Count == 0) errors.Add("events", "Choose at least one event to send to this address.");
        else if (unknown.Count > 0) errors.Add("events", $"Unknown events: {string.Join(", ", unknown)}. Choose from {string.Join(", ", WebhookEventTypes.Subscribable)}.");
        if (errors.Any) return Result<(WebhookSubscription, string)>.Invalid(errors);

        var secret = WebhookSecrets.NewSecret();
        var now = time.UtcNow();
        var subscription = new WebhookSubscription
        {
            Url = address!, Events = string.Join(' ', WebhookEventTypes.Subscribable.Where(chosen.Contains)),
            ProtectedSecret = secrets.Protect(secret), CreatedAt = now, CreatedByUserId = actor.UserId > 0 ? actor.UserId : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, now, actor, "subscribed a webhook", "webhook", subscription.Id, detail: $"{subscription.Url} ({subscription.Events})");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<(WebhookSubscription, string)>.Created((subscription, secret));
    }

    /// <summary>Absolute http or https addresses only; anything else could not be delivered to, or should not be.</summary>
    public static string? CheckUrl(string? url, ValidationErrors errors)
    {
        var trimmed = url?.Trim() ?? "";
        if (trimmed.Length == 0) { errors.Add("url", "Give the address to send events to, e.g. https://example.org/hooks/masthead."); return null; }
        if (trimmed.Length > UrlLimit) { errors.Add("url", $"The address can be at most {UrlLimit} characters long."); return null; }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add("url", "Give a whole address starting with https:// or http://, e.g. https://example.org/hooks/masthead.");
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add("url", $"Webhooks are sent over HTTPS or HTTP only; \"{uri.Scheme}:\" addresses cannot receive them.");
            return null;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("url", "Leave the user name and password out of the address; deliveries are signed with the subscription's secret instead.");
            return null;
        }
        if (uri.Fragment.Length > 0)
        {
            errors.Add("url", "Leave out the #fragment; it is never sent to the receiving server.");
            return null;
        }
        return uri.AbsoluteUri;
    }

    public async Task<Result<WebhookSubscription>> DeleteAsync(int id, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageWebhooks(actor.Role)) return Result<WebhookSubscription>.Forbidden("Only admins manage webhooks.");
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return Result<WebhookSubscription>.NotFound($"There is no webhook subscription with id {id}.");
        db.WebhookSubscriptions.Remove(subscription); // its deliveries and their log go with it
        AuditTrail.Record(db, time.UtcNow(), actor, "removed a webhook", "webhook", subscription.Id, detail: subscription.Url);
        await db.SaveChangesAsync(ct);
        return Result<WebhookSubscription>.Ok(subscription);
    }

    /// <summary>
    /// Queues a <c>webhook.test</c> event with its delivery to this subscription alone (so the log shows it at once);
    /// it is sent, logged and retried like any other.
    /// </summary>
    public async Task<Result<WebhookSubscription>> SendTestAsync(int id, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageWebhooks(actor.Role)) return Result<WebhookSubscription>.Forbidden("Only admins manage webhooks.");
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return Result<WebhookSubscription>.NotFound($"There is no webhook subscription with id {id}.");
        var now = time.UtcNow();
        var ev = new WebhookEvent
        {
            EventId = Guid.NewGuid(), Type = WebhookEventTypes.Test, OccurredAt = now, SubjectId = id, OnlySubscriptionId = id, DispatchedAt = now,
        };
        ev.Payload = await payloads.BuildAsync(db, ev, ct);
        db.WebhookEvents.Add(ev);
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            SubscriptionId = id, Event = ev, State = WebhookDeliveryState.Pending, NextAttemptAt = now, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        signal.Poke();
        return Result<WebhookSubscription>.Ok(subscription);
    }
}
