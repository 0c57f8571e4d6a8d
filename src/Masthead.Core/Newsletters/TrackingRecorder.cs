using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>
/// Checks an open or click token from a tracked email and records the first open and the first click of each copy in
/// the member's history. Nothing is recorded while tracking is off (links in emails sent while it was on still lead on).
/// A first open or click is claimed by a conditional update, so two nodes answering at once record it once.
/// </summary>
public sealed class TrackingRecorder(MastheadDbContext db, MailTrackingSetting setting, TimeProvider time)
{
    /// <param name="Sent">What the copy was, for the history: "The Quire Daily: headline" (or the digest's subject).</param>
    private sealed record Copy(long RecipientId, int MemberId, int SendId, string Key, string Sent);

    /// <returns>False when the token is not one Masthead made (the caller answers 404 and nothing is recorded).</returns>
    public async Task<bool> OpenedAsync(string token, CancellationToken ct)
    {
        var copy = await CheckAsync(token, wantsLink: false, ct);
        if (copy is null) return false;
        if (!await setting.IsOnAsync(ct)) return true;
        var now = time.UtcNow();
        var first = await db.NewsletterRecipients.Where(r => r.Id == copy.RecipientId && r.OpenedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OpenedAt, now), ct);
        if (first > 0) await HistoryAsync(copy, MemberEventKind.Opened, copy.Sent, now, ct);
        return true;
    }

    /// <returns>Where the link leads (a link that was in this send's email), or null for a token Masthead did not make.</returns>
    public async Task<string?> ClickedAsync(string token, CancellationToken ct)
    {
        var copy = await CheckAsync(token, wantsLink: true, ct);
        if (copy is null) return null;
        TrackingTokens.TryRead(token, out _, out var linkId);
        var url = await db.NewsletterLinks.AsNoTracking().Where(l => l.Id == linkId && l.SendId == copy.SendId).Select(l => l.Url).FirstOrDefaultAsync(ct);
        if (url is null) return null;
        if (!await setting.IsOnAsync(ct)) return url;
        var now = time.UtcNow();
        var first = await db.NewsletterRecipients.Where(r => r.Id == copy.RecipientId && r.ClickedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClickedAt, now), ct);
        if (first > 0) await HistoryAsync(copy, MemberEventKind.Clicked, $"{copy.Sent} ({url})", now, ct);
        return url;
    }

    private async Task<Copy?> CheckAsync(string token, bool wantsLink, CancellationToken ct)
    {
        if (!TrackingTokens.TryRead(token, out var recipientId, out var linkId) || (linkId is not null) != wantsLink) return null;
        var copy = await db.NewsletterRecipients.AsNoTracking().Where(r => r.Id == recipientId)
            .Join(db.NewsletterSends, r => r.SendId, s => s.Id, (r, s) => new { r.Id, r.MemberId, r.SendId, s.TrackingKey, s.NewsletterId, s.ArticleId, s.DigestId })
            .Join(db.Newsletters, x => x.NewsletterId, n => n.Id, (x, n) => new
            {
                x.Id, x.MemberId, x.SendId, x.TrackingKey, n.Name,
                Title = db.Articles.Where(a => a.Id == x.ArticleId).Select(a => a.Headline).FirstOrDefault()
                    ?? db.Digests.Where(d => d.Id == x.DigestId).Select(d => d.Subject).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        // An untracked send has no key: no token for it is valid.
        if (copy?.TrackingKey is not { } key || !TrackingTokens.Verify(token, key, recipientId, linkId)) return null;
        return new Copy(copy.Id, copy.MemberId, copy.SendId, key, copy.Title is { Length: > 0 } title ? $"{copy.Name}: {title}" : copy.Name);
    }

    private async Task HistoryAsync(Copy copy, MemberEventKind kind, string detail, DateTime now, CancellationToken ct)
    {
        db.MemberEvents.Add(new MemberEvent { MemberId = copy.MemberId, At = now, Kind = kind, Detail = detail.Length > 300 ? detail[..299] + "…" : detail });
        await db.SaveChangesAsync(ct);
    }
}
