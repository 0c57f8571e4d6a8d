using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Members;

public enum MailEventKind
{
    /// <summary>A permanent failure: the address cannot receive mail.</summary>
    HardBounce,
    /// <summary>A temporary failure (mailbox full, greylisted, out of office): the address stays.</summary>
    SoftBounce,
    /// <summary>The reader marked the mail as spam.</summary>
    Complaint,
}

/// <summary>What a mail provider reported about one address, in Masthead's own words.</summary>
public sealed record MailEvent(MailEventKind Kind, string Email, string? Detail);

/// <summary>
/// Bounces and complaints from the mail provider's webhook. A hard bounce or a complaint stops newsletters to the member
/// (<see cref="Member.EmailStoppedAt"/>); a soft bounce is only recorded. Addresses that are no member's are ignored,
/// and the answer is the same, so the webhook tells nobody who is a member.
/// </summary>
public sealed class MailEvents(MastheadDbContext db, TimeProvider time)
{
    /// <returns>How many of the events concerned a member.</returns>
    public async Task<int> RecordAsync(IReadOnlyList<MailEvent> events, CancellationToken ct)
    {
        var now = time.UtcNow();
        var recorded = 0;
        foreach (var e in events)
        {
            if (MemberAccounts.NormalizeEmail(e.Email) is not { } email) continue;
            var member = await db.Members.FirstOrDefaultAsync(m => m.Email == email && m.Status != MemberStatus.Deleted, ct);
            if (member is null) continue;
            var detail = Clip(e.Detail);
            var kind = e.Kind switch
            {
                MailEventKind.HardBounce => MemberEventKind.Bounced,
                MailEventKind.Complaint => MemberEventKind.Complained,
                _ => MemberEventKind.SoftBounced,
            };
            db.MemberEvents.Add(new MemberEvent { MemberId = member.Id, At = now, Kind = kind, Detail = detail });
            if (e.Kind != MailEventKind.SoftBounce && member.EmailStoppedAt is null)
            {
                member.EmailStoppedAt = now;
                var reason = (e.Kind == MailEventKind.Complaint ? "complaint" : "hard bounce") + (detail is null ? "" : ": " + detail);
                member.EmailStoppedReason = reason.Length > MemberLimits.StopReason ? reason[..MemberLimits.StopReason] : reason;
            }
            recorded++;
        }
        await db.SaveChangesAsync(ct);
        return recorded;
    }

    // A provider's words, one line, short enough for the history (which keeps at most 300 characters).
    private static string? Clip(string? text)
    {
        var line = NulScrubber.Clean(text)?.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(line) ? null : line.Length > 200 ? line[..200] + "…" : line;
    }
}
