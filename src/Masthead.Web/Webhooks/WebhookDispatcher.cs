using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Webhooks;
using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Webhooks;

/// <summary>
/// One pass over the webhook queue: turns new outbox events into one delivery per subscriber, then sends the
/// deliveries that are due. Safe with several app nodes: an event is fanned out by whichever node first stamps
/// it (an UPDATE … WHERE DispatchedAt IS NULL inside the transaction that adds its deliveries), and a delivery is
/// sent by whichever node takes its lease (UPDATE … WHERE the lease is free or expired). A node that dies
/// mid-send leaves a lease that runs out, and the delivery is tried again.
/// </summary>
public sealed class WebhookDispatcher(
    MastheadDbContext db, TimeProvider time, IWebhookPayloads payloads, WebhookSecrets secrets, IHttpClientFactory http,
    IOptions<MastheadOptions> options, ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";
    /// <summary>Names this process in leases; the machine name alone would be shared by two processes on one host.</summary>
    public static readonly string Node = Last100($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
    private const int Batch = 20;
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    private WebhookOptions Settings => options.Value.Webhooks;

    private static string Last100(string value) => value.Length <= 100 ? value : value[^100..];

    /// <summary>Returns how many deliveries were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await FanOutAsync(ct);
        var now = time.UtcNow();
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (await DeliverAsync(id, ct)) sent++;
        }
        return sent;
    }

    private async Task FanOutAsync(CancellationToken ct)
    {
        var fresh = await db.WebhookEvents.AsNoTracking().Where(e => e.DispatchedAt == null)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(50).ToListAsync(ct);
        foreach (var id in fresh)
        {
            var now = time.UtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.WebhookEvents.Where(e => e.Id == id && e.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now), ct);
            if (claimed == 0) continue; // another node took it
            var ev = await db.WebhookEvents.FirstAsync(e => e.Id == id, ct);
            ev.Payload ??= await payloads.BuildAsync(db, ev, ct);
            ev.DispatchedAt = now;
            var subscribers = await db.WebhookSubscriptions.AsNoTracking()
                .Where(s => ev.OnlySubscriptionId == null || s.Id == ev.OnlySubscriptionId).ToListAsync(ct);
            foreach (var subscriber in subscribers.Where(s => ev.OnlySubscriptionId is not null || s.Wants(ev.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscriber.Id, WebhookEventId = ev.Id, State = WebhookDeliveryState.Pending, NextAttemptAt = now, CreatedAt = now,
                });
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        var now = time.UtcNow();
        var leaseUntil = now + TimeSpan.FromSeconds(Settings.TimeoutSeconds + 60);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.State == WebhookDeliveryState.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, leaseUntil).SetProperty(d => d.LeaseOwner, Node), ct);
        if (claimed == 0) return false;

        var delivery = await db.WebhookDeliveries.Include(d => d.Event).FirstAsync(d => d.Id == id, ct);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == delivery.SubscriptionId, ct);
        if (subscription is null) return false; // removed meanwhile; the cascade takes the delivery with it

        var attempt = delivery.Attempts + 1;
        var body = Encoding.UTF8.GetBytes(delivery.Event.Payload ?? "{}");
        var started = time.UtcNow();
        var clock = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header,
                WebhookSignature.Sign(secrets.Unprotect(subscription.ProtectedSecret), time.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.TryAddWithoutValidation("Masthead-Event", delivery.Event.Type);
            request.Headers.TryAddWithoutValidation("Masthead-Event-Id", delivery.Event.EventId.ToString());
            request.Headers.TryAddWithoutValidation("Masthead-Delivery", delivery.Id.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("Masthead-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"The receiver answered {status} {response.ReasonPhrase}.";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {Settings.TimeoutSeconds} seconds.";
        }
        catch (HttpRequestException ex)
        {
            error = $"Could not reach the receiver: {ex.Message}";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            error = "The signing secret could not be decrypted: the data protection keys in the database have changed (or Masthead:DataProtection:KeyEncryptionKey differs on this node). Subscribe the address again.";
        }
        clock.Stop();

        Record(delivery, attempt, started, status, error, (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds));
        await db.SaveChangesAsync(CancellationToken.None); // the request went out; its outcome must be kept even when stopping
        db.ChangeTracker.Clear();
        if (error is not null) logger.LogInformation("Webhook delivery {Id} to {Url} failed (attempt {Attempt}): {Error}", id, subscription.Url, attempt, error);
        return true;
    }

    private void Record(WebhookDelivery delivery, int attempt, DateTime started, int? status, string? error, int durationMs)
    {
        var now = time.UtcNow();
        if (error is { Length: > WebhookEventTypes.ErrorLimit }) error = error[..WebhookEventTypes.ErrorLimit];
        delivery.AttemptLog.Add(new WebhookAttempt { Number = attempt, At = started, StatusCode = status, DurationMs = durationMs, Error = error });
        delivery.Attempts = attempt;
        delivery.LastStatusCode = status;
        delivery.LastError = error;
        delivery.LeaseUntil = null;
        delivery.LeaseOwner = null;
        if (error is null)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.CompletedAt = now;
        }
        else if (attempt >= Settings.MaxAttempts)
        {
            delivery.State = WebhookDeliveryState.Dead;
            delivery.CompletedAt = now;
        }
        else delivery.NextAttemptAt = now + Backoff(attempt);
    }

    /// <summary>The wait after the n-th failed attempt: the first retry wait, doubled after each further failure, at most six hours.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var seconds = Settings.FirstRetrySeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, LongestWait.TotalSeconds));
    }
}

/// <summary>Runs the dispatcher whenever events are written, and every few seconds for retries; a restart picks up where the queue is.</summary>
public sealed class WebhookDeliveryService(IServiceScopeFactory scopes, WebhookSignal signal, IOptions<MastheadOptions> options,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Webhooks.BackgroundDelivery) return;
        var poll = TimeSpan.FromSeconds(options.Value.Webhooks.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunOnceAsync(stoppingToken);
                // A full batch may mean more are waiting: go round again at once.
                if (sent >= 20) continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Visible at the default level, in one line; the database may be briefly unreachable, and the next pass tries again.
                logger.LogWarning("Webhook delivery pass failed ({Error}: {Message}); the next pass tries again.", ex.GetType().Name, ex.Message);
            }
            await signal.WaitAsync(poll, stoppingToken);
        }
    }
}
