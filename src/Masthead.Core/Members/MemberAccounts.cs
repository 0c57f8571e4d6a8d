using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Members;

/// <summary>A link to mail to a member: which kind, and the secret it carries (only its hash is stored).</summary>
public sealed record MemberLink(MemberTokenPurpose Purpose, string Email, string? Name, string Secret);

/// <summary>
/// Members' own use cases: signing up (double opt-in), one-time sign-in links, their choices, their data and
/// deleting it. Nothing here says whether an address is a member: callers answer the same either way.
/// </summary>
public sealed partial class MemberAccounts(MastheadDbContext db, TimeProvider time)
{
    /// <summary>The address in the form it is stored and compared in, or null when it is not a plausible address.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var text = NulScrubber.Clean(email)?.Trim().ToLowerInvariant() ?? "";
        return text.Length is > 3 and <= 320 && PlainAddress().IsMatch(text) ? text : null;
    }

    public static string? CleanName(string? name)
    {
        var text = NulScrubber.Clean(name)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > MemberLimits.Name ? text[..MemberLimits.Name] : text;
    }

    /// <summary>
    /// Someone asked to join. A new address becomes a pending member with the default newsletters and gets a confirmation
    /// link; a pending one gets a fresh confirmation link; a member gets a sign-in link instead.
    /// </summary>
    public async Task<MemberLink> SignUpAsync(string email, string? name, string consentSource, CancellationToken ct)
    {
        var now = time.UtcNow();
        var member = await db.Members.FirstOrDefaultAsync(m => m.Email == email, ct);
        if (member is null)
        {
            member = NewMember(email, CleanName(name), consentSource, now);
            foreach (var id in await db.Newsletters.Where(n => n.DefaultForNewMembers && n.ArchivedAt == null).Select(n => n.Id).ToListAsync(ct))
                member.Subscriptions.Add(new NewsletterSubscription { NewsletterId = id, SubscribedAt = now });
            db.Members.Add(member);
            try
            {
                await db.SaveChangesAsync(ct);
                Record(member.Id, MemberEventKind.SignedUp, consentSource);
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // The same address sent twice at once: the other request made the member.
                db.ChangeTracker.Clear();
                member = await db.Members.FirstAsync(m => m.Email == email, ct);
            }
        }
        var purpose = member.Status == MemberStatus.Active ? MemberTokenPurpose.SignIn : MemberTokenPurpose.Confirm;
        return await IssueAsync(member, purpose, ct);
    }

    /// <summary>A sign-in link for a member, a confirmation link for someone who has not confirmed, nothing for anyone else.</summary>
    public async Task<MemberLink?> RequestSignInAsync(string email, CancellationToken ct)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Email == email && m.Status != MemberStatus.Deleted, ct);
        if (member is null) return null;
        return await IssueAsync(member, member.Status == MemberStatus.Active ? MemberTokenPurpose.SignIn : MemberTokenPurpose.Confirm, ct);
    }

    /// <summary>Follows a confirmation link: the member becomes active and is signed in. Null when the link is used or expired.</summary>
    public async Task<Member?> ConfirmAsync(string? secret, CancellationToken ct)
    {
        var member = await RedeemAsync(secret, MemberTokenPurpose.Confirm, ct);
        if (member is null) return null;
        var now = time.UtcNow();
        if (member.Status == MemberStatus.Pending)
        {
            member.Status = MemberStatus.Active;
            member.ConfirmedAt = now;
            Record(member.Id, MemberEventKind.Confirmed, null);
        }
        member.LastSignInAt = now;
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Follows a sign-in link. Null when the link is used, expired, or its member gone.</summary>
    public async Task<Member?> SignInAsync(string? secret, CancellationToken ct)
    {
        var member = await RedeemAsync(secret, MemberTokenPurpose.SignIn, ct);
        if (member is null || member.Status != MemberStatus.Active) return null;
        member.LastSignInAt = time.UtcNow();
        Record(member.Id, MemberEventKind.SignedIn, null);
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>
    /// A signed-in member asks to use another address: a link goes to the new address, and only following it changes
    /// anything. An address that another member already uses gets no link (and the member the same answer).
    /// </summary>
    public async Task<MemberLink?> RequestEmailChangeAsync(int memberId, string newEmail, CancellationToken ct)
    {
        var member = await db.Members.FirstAsync(m => m.Id == memberId, ct);
        if (member.Email == newEmail || await db.Members.AnyAsync(m => m.Email == newEmail, ct)) return null;
        var link = await IssueAsync(member, MemberTokenPurpose.ChangeEmail, ct, newEmail);
        return link with { Email = newEmail };
    }

    /// <summary>Follows a change-of-address link. Null when the link is used or expired, or the address was taken meanwhile.</summary>
    public async Task<Member?> ConfirmEmailChangeAsync(string? secret, CancellationToken ct)
    {
        var hash = string.IsNullOrWhiteSpace(secret) || secret.Length > 200 ? null : AccountService.HashToken(secret.Trim());
        var newEmail = hash is null ? null
            : await db.MemberTokens.Where(t => t.TokenHash == hash && t.Purpose == MemberTokenPurpose.ChangeEmail).Select(t => t.NewEmail).FirstOrDefaultAsync(ct);
        var member = await RedeemAsync(secret, MemberTokenPurpose.ChangeEmail, ct);
        if (member is null || newEmail is null || member.Status != MemberStatus.Active) return null;
        if (await db.Members.AnyAsync(m => m.Email == newEmail && m.Id != member.Id, ct)) return null;
        member.Email = newEmail;
        // A new address has not bounced: newsletters stopped for the old one may go to it.
        member.EmailStoppedAt = null;
        member.EmailStoppedReason = null;
        Record(member.Id, MemberEventKind.ChangedEmail, null);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return null; // someone signed up with it at the same moment
        }
        return member;
    }

    /// <summary>The member a session cookie names, if it still stands (same security stamp, not deleted).</summary>
    public Task<Member?> FindSessionAsync(int id, string stamp, CancellationToken ct) =>
        db.Members.Include(m => m.Subscriptions)
            .FirstOrDefaultAsync(m => m.Id == id && m.SecurityStamp == stamp && m.Status == MemberStatus.Active, ct);

    /// <summary>Saves the account page: name and the newsletters chosen (archived or unknown ids are ignored).</summary>
    public async Task UpdateAsync(int memberId, string? name, IReadOnlyCollection<int> newsletterIds, CancellationToken ct)
    {
        var member = await db.Members.Include(m => m.Subscriptions).FirstAsync(m => m.Id == memberId, ct);
        var now = time.UtcNow();
        var cleaned = CleanName(name);
        if (cleaned != member.Name)
        {
            member.Name = cleaned;
            Record(member.Id, MemberEventKind.ChangedName, null);
        }
        var offered = await db.Newsletters.Where(n => n.ArchivedAt == null).ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        foreach (var gone in member.Subscriptions.Where(s => offered.ContainsKey(s.NewsletterId) && !newsletterIds.Contains(s.NewsletterId)).ToList())
        {
            member.Subscriptions.Remove(gone);
            Record(member.Id, MemberEventKind.Unsubscribed, offered[gone.NewsletterId]);
        }
        foreach (var id in newsletterIds.Distinct().Where(offered.ContainsKey).Where(id => member.Subscriptions.All(s => s.NewsletterId != id)))
        {
            member.Subscriptions.Add(new NewsletterSubscription { NewsletterId = id, SubscribedAt = now });
            Record(member.Id, MemberEventKind.Subscribed, offered[id]);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Unsubscribes by the key in an email's link, without signing in. True when the key is known (also when the member
    /// had already left the newsletter: the answer to a second click is the same).
    /// </summary>
    public async Task<bool> UnsubscribeAsync(string? publicKey, int newsletterId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(publicKey) || publicKey.Length > 64) return false;
        var member = await db.Members.FirstOrDefaultAsync(m => m.PublicKey == publicKey && m.Status != MemberStatus.Deleted, ct);
        if (member is null) return false;
        var removed = await db.NewsletterSubscriptions.Where(s => s.MemberId == member.Id && s.NewsletterId == newsletterId).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            var name = await db.Newsletters.Where(n => n.Id == newsletterId).Select(n => n.Name).FirstOrDefaultAsync(ct);
            Record(member.Id, MemberEventKind.Unsubscribed, name);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>Everything kept about the member, for "download my data".</summary>
    public async Task<MemberData> ExportAsync(int memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstAsync(m => m.Id == memberId, ct);
        var newsletters = await db.NewsletterSubscriptions.AsNoTracking().Where(s => s.MemberId == memberId)
            .Join(db.Newsletters, s => s.NewsletterId, n => n.Id, (s, n) => new MemberDataNewsletter(n.Name, s.SubscribedAt))
            .ToListAsync(ct);
        var history = await db.MemberEvents.AsNoTracking().Where(e => e.MemberId == memberId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new MemberDataEvent(e.At, e.Kind.ToString(), e.Detail)).ToListAsync(ct);
        var sent = await db.NewsletterRecipients.AsNoTracking().Where(r => r.MemberId == memberId && r.SentAt != null)
            .Join(db.NewsletterSends, r => r.SendId, s => s.Id, (r, s) => new { r.SentAt, s.NewsletterId, s.ArticleId, s.DigestId })
            .Join(db.Newsletters, x => x.NewsletterId, n => n.Id, (x, n) => new MemberDataEmail(x.SentAt!.Value, n.Name,
                // A story's headline, or a digest's subject.
                db.Articles.Where(a => a.Id == x.ArticleId).Select(a => a.Headline).FirstOrDefault()
                    ?? db.Digests.Where(d => d.Id == x.DigestId).Select(d => d.Subject).FirstOrDefault() ?? ""))
            .ToListAsync(ct);
        Record(memberId, MemberEventKind.DownloadedData, null);
        await db.SaveChangesAsync(ct);
        return new MemberData(member.Email!, member.Name, member.Status.ToString(), member.CreatedAt, member.ConfirmedAt,
            member.LastSignInAt, member.ConsentSource, newsletters, sent.OrderBy(e => e.SentAt).ToList(), history,
            // The labels editors gave them are data about them too.
            await db.MemberLabels.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.Name).Select(l => l.Name).ToListAsync(ct));
    }

    /// <summary>
    /// Deletes the account: address, name, links, labels, subscriptions, history and per-email records go; one row stays with
    /// only its dates and status, so the publication still knows how many people joined and left.
    /// </summary>
    public async Task DeleteAsync(int memberId, CancellationToken ct)
    {
        var now = time.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.NewsletterSubscriptions.Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.MemberTokens.Where(t => t.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.MemberLabels.Where(l => l.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.MemberEvents.Where(e => e.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.NewsletterRecipients.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(ct);
        await db.Members.Where(m => m.Id == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Email, (string?)null)
            .SetProperty(m => m.Name, (string?)null)
            .SetProperty(m => m.Status, MemberStatus.Deleted)
            .SetProperty(m => m.DeletedAt, now)
            .SetProperty(m => m.LastSignInAt, (DateTime?)null)
            .SetProperty(m => m.PublicKey, AccountService.NewSecret(24))
            .SetProperty(m => m.SecurityStamp, AccountService.NewSecret(24)), ct);
        db.MemberEvents.Add(new MemberEvent { MemberId = memberId, At = now, Kind = MemberEventKind.Deleted });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    internal static Member NewMember(string email, string? name, string consentSource, DateTime now, MemberStatus status = MemberStatus.Pending) => new()
    {
        Email = email, Name = name, Status = status, CreatedAt = now, ConsentSource = consentSource,
        ConfirmedAt = status == MemberStatus.Active ? now : null,
        PublicKey = AccountService.NewSecret(24), SecurityStamp = AccountService.NewSecret(24),
    };

    private async Task<MemberLink> IssueAsync(Member member, MemberTokenPurpose purpose, CancellationToken ct, string? newEmail = null)
    {
        var now = time.UtcNow();
        // One open link of each kind: asking again replaces the earlier one, so an old mail found later does nothing.
        await db.MemberTokens.Where(t => t.MemberId == member.Id && t.Purpose == purpose && t.UsedAt == null).ExecuteDeleteAsync(ct);
        var secret = AccountService.NewSecret(24);
        db.MemberTokens.Add(new MemberToken
        {
            MemberId = member.Id, Purpose = purpose, TokenHash = AccountService.HashToken(secret), CreatedAt = now,
            ExpiresAt = now + (purpose == MemberTokenPurpose.SignIn ? MemberLimits.SignInLifetime : MemberLimits.ConfirmLifetime),
            NewEmail = newEmail,
        });
        await db.SaveChangesAsync(ct);
        return new MemberLink(purpose, member.Email!, member.Name, secret);
    }

    /// <summary>Marks the link used with a conditional update, so two clicks (or two nodes) cannot both redeem it.</summary>
    private async Task<Member?> RedeemAsync(string? secret, MemberTokenPurpose purpose, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200) return null;
        var hash = AccountService.HashToken(secret.Trim());
        var now = time.UtcNow();
        var token = await db.MemberTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now, ct);
        if (token is null) return null;
        var won = await db.MemberTokens.Where(t => t.Id == token.Id && t.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (won == 0) return null;
        return await db.Members.FirstOrDefaultAsync(m => m.Id == token.MemberId && m.Status != MemberStatus.Deleted, ct);
    }

    private void Record(int memberId, MemberEventKind kind, string? detail) =>
        db.MemberEvents.Add(new MemberEvent { MemberId = memberId, At = time.UtcNow(), Kind = kind, Detail = detail is { Length: > 300 } ? detail[..300] : detail });

    // An address a mail server can take: the unquoted form people type (dot-separated words of letters, digits and the
    // symbols mail allows, any script), then a domain of dot-separated labels of letters, digits and inner hyphens.
    // Quoted local parts and address literals are left out: no reader types them, and they are where parsers disagree.
    // Invisible characters (\p{C}: controls, zero-width spaces and joiners, direction marks) can never match, so an
    // address cannot look like another one.
    [GeneratedRegex(@"^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?\.)+[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$")]
    private static partial Regex PlainAddress();
}

public sealed record MemberDataNewsletter(string Name, DateTime SubscribedAt);
public sealed record MemberDataEvent(DateTime At, string What, string? Detail);
public sealed record MemberDataEmail(DateTime SentAt, string Newsletter, string Story);
public sealed record MemberData(string Email, string? Name, string Status, DateTime JoinedAt, DateTime? ConfirmedAt, DateTime? LastSignInAt,
    string Consent, IReadOnlyList<MemberDataNewsletter> Newsletters, IReadOnlyList<MemberDataEmail> EmailsSent, IReadOnlyList<MemberDataEvent> History,
    IReadOnlyList<string> Labels);
