using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Web.Hosting;
using Masthead.Web.Mail;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Notifications;

/// <summary>
/// Sends the review emails the workflow owes (<see cref="Core.Notifications.ReviewNoticeRecorder"/>). Any node may run
/// it: each email is claimed by a conditional update first, so two nodes never send the same one; a claim that runs
/// out (a node that died while sending) is taken over. Without a mail server the owed emails are let go, not kept.
/// </summary>
public sealed class ReviewNoticeSender(IServiceScopeFactory scopes, MailSender mail, SiteContext site, TimeProvider time,
    IOptions<MastheadOptions> options, ILogger<ReviewNoticeSender> log) : BackgroundService
{
    private const int Batch = 50;
    private const int MaxAttempts = 5;
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Notifications.BackgroundSending) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sending review emails failed; trying again shortly.");
            }
            await Task.Delay(TimeSpan.FromSeconds(options.Value.Notifications.PollSeconds), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <returns>How many emails went out.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var now = time.UtcNow();
        var due = await db.ReviewNotices.AsNoTracking().Where(n => n.SentAt == null && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.Id).Select(n => n.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var model = await site.GetAsync();
        var sent = 0;
        foreach (var id in due)
        {
            var claimed = await db.ReviewNotices.Where(n => n.Id == id && n.SentAt == null && (n.ClaimedUntil == null || n.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, now + Claim).SetProperty(n => n.Attempts, n => n.Attempts + 1), ct);
            if (claimed == 0) continue; // another node has it
            var notice = await db.ReviewNotices.AsNoTracking().SingleAsync(n => n.Id == id, ct);
            var person = await db.Users.AsNoTracking().Where(u => u.Id == notice.UserId)
                .Select(u => new { u.Email, u.DisplayName, u.NotifyByEmail, u.DeactivatedAt }).SingleAsync(ct);
            var headline = await db.Articles.AsNoTracking().Where(a => a.Id == notice.ArticleId).Select(a => a.Headline).SingleOrDefaultAsync(ct) ?? "A story";
            // Turned off or deactivated since the step, or no mail server: nothing is sent, and nothing stays owed.
            if (mail.CanSend && person.NotifyByEmail && person.DeactivatedAt is null)
            {
                try
                {
                    await mail.SendAsync(ReviewNoticeEmail.Build(notice, person.Email, person.DisplayName, headline, model.Name, model.BaseUrl), ct);
                    sent++;
                }
                catch (Exception e) when (MailSender.IsDeliveryFailure(e))
                {
                    log.LogWarning(e, "Could not email {Email} about story {ArticleId} (attempt {Attempt}).", person.Email, notice.ArticleId, notice.Attempts);
                    if (notice.Attempts < MaxAttempts) break; // the claim runs out and a later pass tries again
                }
            }
            await db.ReviewNotices.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, time.UtcNow()), ct);
        }
        return sent;
    }
}
