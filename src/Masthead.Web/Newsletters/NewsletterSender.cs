using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Web.Hosting;
using Masthead.Web.Mail;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsletters;

/// <summary>
/// Sends stories as newsletters from the queue in the database, on whichever node gets there first:
/// <list type="number">
/// <item>A waiting send whose story is now live starts (a conditional update, so one node starts it). So a scheduled
/// story goes out when it goes live, whoever publishes it; an unpublished or deleted one is never sent.</item>
/// <item>A node claims a sending send for a while, lists its recipients once (active members who chose the
/// newsletter and whose address has not hard-bounced or complained, one row each, unique per send and member), and sends in batches over one connection, renewing the claim.</item>
/// <item>Copies are marked "sending" (ten at a time, in id order) before they go and each "sent" once the server has
/// it. A node that dies in between leaves rows marked "sending": the node that takes over marks the first of them
/// failed ("may have been delivered": it was in flight) rather than sending it again, and queues the rest again. Nobody
/// gets the same newsletter twice; a crash leaves at most one copy in doubt.</item>
/// </list>
/// </summary>
public sealed class NewsletterSender(IServiceScopeFactory scopes, MailSender mail, SiteContext site, TimeProvider time,
    IOptions<MastheadOptions> options, ILogger<NewsletterSender> logger) : BackgroundService
{
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    /// <summary>
    /// Copies marked "sending" together (one write for the group), each recorded as sent the moment the mail server has
    /// it. Copies go out in id order, so after a node dies only the group's lowest copy still marked "sending" can have
    /// been in flight; the ones after it were never tried.
    /// </summary>
    private const int MarkedTogether = 10;
    public const string Stopped = "Not sent: the address bounced or its owner reported a newsletter as spam (see the member's history).";
    public const string Interrupted = "Interrupted while handing it to the mail server: it may or may not have been delivered, so it is not sent again.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Newsletters.BackgroundSending) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.Newsletters.PollSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("The newsletter sender could not work the queue ({Message}); trying again shortly.", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Starts what is due and sends what is claimable; returns how many messages the mail server accepted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct, int? stopAfter = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        await StartDueAsync(db, ct);
        if (!mail.CanSend) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        var sending = await db.NewsletterSends.AsNoTracking()
            .Where(s => s.State == SendState.Sending && (s.ClaimedUntil == null || s.ClaimedUntil < now)).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in sending)
        {
            if (!await ClaimAsync(db, id, ct)) continue;
            try
            {
                sent += await SendAsync(db, id, stopAfter is { } limit ? limit - sent : null, ct);
            }
            catch (Exception e) when (MailSender.IsDeliveryFailure(e))
            {
                // The mail server is unreachable or went away: let go of the send so the next pass, here or on another node, resumes it.
                await db.NewsletterSends.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                throw;
            }
            if (stopAfter is { } l && sent >= l) break;
        }
        return sent;
    }

    private async Task StartDueAsync(MastheadDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.NewsletterSends.Where(s => s.State == SendState.Waiting
                && db.Articles.Any(a => a.Id == s.ArticleId && a.Status == ArticleStatus.Published))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SendState.Sending).SetProperty(x => x.StartedAt, now), ct);
        await db.NewsletterSends.Where(s => s.State == SendState.Waiting
                && db.Articles.Any(a => a.Id == s.ArticleId && a.Status == ArticleStatus.Unpublished))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SendState.Cancelled).SetProperty(x => x.FinishedAt, now), ct);
        // A digest goes at its time; its stories are read as they are then (any taken down meanwhile are left out).
        await db.NewsletterSends.Where(s => s.State == SendState.Waiting && s.DigestId != null
                && db.Digests.Any(d => d.Id == s.DigestId && (d.SendAt == null || d.SendAt <= now)))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SendState.Sending).SetProperty(x => x.StartedAt, now), ct);
    }

    private async Task<bool> ClaimAsync(MastheadDbContext db, int id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.NewsletterSends.Where(s => s.Id == id && s.State == SendState.Sending && (s.ClaimedUntil == null || s.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, now + Claim), ct);
        if (claimed == 0) return false;
        // Whoever held it before stopped mid-group. Its lowest copy still "sending" was in flight and may have gone, so it
        // is not sent again; the rest of that group was never tried and goes back in the queue.
        var inFlight = await db.NewsletterRecipients.Where(r => r.SendId == id && r.State == RecipientState.Sending)
            .OrderBy(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (inFlight is { } first)
        {
            await db.NewsletterRecipients.Where(r => r.Id == first)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecipientState.Failed).SetProperty(r => r.Error, Interrupted), ct);
            await db.NewsletterRecipients.Where(r => r.SendId == id && r.State == RecipientState.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecipientState.Pending), ct);
        }
        return true;
    }

    private async Task<int> SendAsync(MastheadDbContext db, int sendId, int? stopAfter, CancellationToken ct)
    {
        var send = await db.NewsletterSends.AsNoTracking().FirstAsync(s => s.Id == sendId, ct);
        var newsletter = await db.Newsletters.AsNoTracking().FirstAsync(n => n.Id == send.NewsletterId, ct);
        if (!send.RecipientsListed) send = await ListRecipientsAsync(db, send, ct);
        var siteModel = await site.GetAsync();
        var settings = options.Value;
        Func<NewsletterReader, OutgoingMail>? render = null;
        if (send.ArticleId is { } articleId && await StoryAsync(db, articleId, ct) is { } story)
            render = reader => NewsletterEmail.Render(siteModel.Name, settings.BaseUrl, newsletter, story, reader);
        else if (send.DigestId is { } digestId && await DigestContents.LoadAsync(db, digestId, ct) is { } digest)
            render = reader => DigestEmail.Render(siteModel.Name, settings.BaseUrl, newsletter, digest, reader);
        if (render is null)
        {
            // The story (or every story of the digest) was taken down before it went out.
            await db.NewsletterSends.Where(s => s.Id == sendId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, SendState.Cancelled).SetProperty(x => x.FinishedAt, time.GetUtcNow().UtcDateTime), ct);
            return 0;
        }
        // A tracked send's copies each get their own pixel and click links; an untracked one's are left as rendered.
        var tracked = send.TrackingKey is { } key ? new TrackedLinks(db, sendId, key, settings.BaseUrl.TrimEnd('/')) : null;
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await db.NewsletterRecipients.AsNoTracking().Where(r => r.SendId == sendId && r.State == RecipientState.Pending)
                .OrderBy(r => r.Id).Take(Math.Min(settings.Newsletters.BatchSize, stopAfter is { } l ? Math.Max(0, l - sent) : int.MaxValue))
                .Join(db.Members, r => r.MemberId, m => m.Id, (r, m) => new { r.Id, m.Email, m.Name, m.PublicKey, m.Status, m.EmailStoppedAt })
                .ToListAsync(ct);
            if (batch.Count == 0) break;
            // Connected before any copy is marked: a mail server that cannot be reached costs nobody their copy.
            await using (var connection = await mail.ConnectAsync(ct))
            {
                foreach (var group in batch.Chunk(MarkedTogether))
                {
                    var ids = group.Select(r => r.Id).ToList();
                    await db.NewsletterRecipients.Where(r => ids.Contains(r.Id) && r.State == RecipientState.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecipientState.Sending), ct);
                    var untried = new HashSet<long>(ids);
                    try
                    {
                        foreach (var recipient in group)
                        {
                            untried.Remove(recipient.Id);
                            if (recipient.Email is null || recipient.Status != MemberStatus.Active)
                            {
                                await MarkFailedAsync(db, recipient.Id, "The member left before this copy was sent.");
                                continue;
                            }
                            if (recipient.EmailStoppedAt is not null)
                            {
                                await MarkFailedAsync(db, recipient.Id, Stopped);
                                continue;
                            }
                            try
                            {
                                var message = render(new NewsletterReader(recipient.Email, recipient.Name, recipient.PublicKey));
                                if (tracked is not null) message = await tracked.ApplyAsync(message, recipient.Id, ct);
                                await connection.SendAsync(mail.Build(message), ct);
                                // Recorded at once, whatever happens next: the mail server has this copy.
                                await db.NewsletterRecipients.Where(r => r.Id == recipient.Id).ExecuteUpdateAsync(s => s
                                    .SetProperty(r => r.State, RecipientState.Sent).SetProperty(r => r.SentAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
                                sent++;
                            }
                            catch (Exception e) when (MailSender.IsDeliveryFailure(e) && connection.IsConnected)
                            {
                                // This address was refused; the connection still stands for the next.
                                await MarkFailedAsync(db, recipient.Id, e.Message);
                            }
                            if (settings.Newsletters.MessagesPerMinute > 0)
                                await Task.Delay(TimeSpan.FromMinutes(1) / settings.Newsletters.MessagesPerMinute, time, ct);
                        }
                    }
                    finally
                    {
                        // When the connection dropped or the node is stopping: copies not yet tried go back to pending;
                        // the one in flight, if any, stays "sending".
                        if (untried.Count > 0)
                            await db.NewsletterRecipients.Where(r => untried.Contains(r.Id) && r.State == RecipientState.Sending)
                                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecipientState.Pending), CancellationToken.None);
                    }
                }
            }
            await RenewAsync(db, sendId, ct);
            if (stopAfter is { } limit && sent >= limit) return sent;
        }
        await FinishIfDoneAsync(db, sendId, ct);
        return sent;
    }

    /// <summary>Lists the recipients once, and decides (from the setting now) whether the whole send is tracked.</summary>
    private async Task<NewsletterSend> ListRecipientsAsync(MastheadDbContext db, NewsletterSend send, CancellationToken ct)
    {
        // One statement, the same on both databases; the unique (send, member) index makes a repeat add nobody.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "NewsletterRecipients" ("SendId", "MemberId", "State")
            SELECT {0}, s."MemberId", {1} FROM "NewsletterSubscriptions" s JOIN "Members" m ON m."Id" = s."MemberId"
            WHERE s."NewsletterId" = {2} AND m."Status" = {3} AND m."EmailStoppedAt" IS NULL
            ON CONFLICT ("SendId", "MemberId") DO NOTHING
            """, [send.Id, nameof(RecipientState.Pending), send.NewsletterId, nameof(MemberStatus.Active)], ct);
        var total = await db.NewsletterRecipients.CountAsync(r => r.SendId == send.Id, ct);
        var trackingKey = await db.Publication.AsNoTracking().OrderBy(p => p.Id).Select(p => p.MailTracking).FirstOrDefaultAsync(ct)
            ? TrackingTokens.NewKey() : null;
        await db.NewsletterSends.Where(s => s.Id == send.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.RecipientsListed, true).SetProperty(x => x.Total, total).SetProperty(x => x.TrackingKey, trackingKey), ct);
        return await db.NewsletterSends.AsNoTracking().FirstAsync(s => s.Id == send.Id, ct);
    }

    private async Task MarkFailedAsync(MastheadDbContext db, long recipientId, string error) =>
        await db.NewsletterRecipients.Where(r => r.Id == recipientId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RecipientState.Failed)
            .SetProperty(r => r.Error, error.Length > 500 ? error[..500] : error), CancellationToken.None);

    private async Task RenewAsync(MastheadDbContext db, int sendId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sent = await db.NewsletterRecipients.CountAsync(r => r.SendId == sendId && r.State == RecipientState.Sent, ct);
        var failed = await db.NewsletterRecipients.CountAsync(r => r.SendId == sendId && r.State == RecipientState.Failed, ct);
        await db.NewsletterSends.Where(s => s.Id == sendId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ClaimedUntil, now + Claim).SetProperty(x => x.SentCount, sent).SetProperty(x => x.FailedCount, failed), ct);
    }

    private async Task FinishIfDoneAsync(MastheadDbContext db, int sendId, CancellationToken ct)
    {
        await RenewAsync(db, sendId, ct);
        if (await db.NewsletterRecipients.AnyAsync(r => r.SendId == sendId && (r.State == RecipientState.Pending || r.State == RecipientState.Sending), ct)) return;
        var now = time.GetUtcNow().UtcDateTime;
        await db.NewsletterSends.Where(s => s.Id == sendId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, SendState.Sent).SetProperty(x => x.FinishedAt, now).SetProperty(x => x.ClaimedUntil, (DateTime?)null), ct);
        logger.LogInformation("Newsletter send {Id} finished.", sendId);
    }

    private static async Task<NewsletterStory?> StoryAsync(MastheadDbContext db, int articleId, CancellationToken ct)
    {
        var a = await db.Articles.AsNoTracking().Where(x => x.Id == articleId && x.Status == ArticleStatus.Published)
            .Select(x => new
            {
                x.Headline, x.Standfirst, x.Slug, SectionPath = x.PrimarySection.Path, x.BodyHtml, x.BodyText,
                HeroUrl = x.HeroImage == null ? null : x.HeroImage.Url, HeroAlt = x.HeroImage == null ? null : x.HeroImage.Alt,
                HeroCredit = x.HeroImage == null ? null : x.HeroImage.Credit,
                Authors = x.Bylines.Select(b => b.Author.Name).ToList(),
            }).FirstOrDefaultAsync(ct);
        if (a is null) return null;
        var byline = a.Authors.Count == 0 ? null : "By " + string.Join(" and ", a.Authors);
        return new NewsletterStory(a.Headline, a.Standfirst, $"/{a.SectionPath}/{a.Slug}", a.BodyHtml, a.BodyText,
            string.IsNullOrEmpty(a.HeroUrl) ? null : a.HeroUrl, a.HeroAlt, a.HeroCredit, byline);
    }
}
