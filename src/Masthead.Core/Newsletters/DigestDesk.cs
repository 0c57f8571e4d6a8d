using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <param name="SendAt">Null: now. A time in the past (a form left open) is refused rather than sent at once by surprise.</param>
public sealed record DigestInput(int? NewsletterId, string? Subject, string? Intro, IReadOnlyList<int> ArticleIds, DateTime? SendAt);

/// <summary>Editors compose a digest of published stories for a newsletter and queue it, now or for a time.</summary>
public sealed class DigestDesk(MastheadDbContext db, TimeProvider time)
{
    /// <summary>A time this close to now counts as now: the form's minute and a slow click must not be refused.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(2);

    public async Task<Result<NewsletterSend>> QueueAsync(DigestInput input, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanSendDigests(editor.Role)) return Result<NewsletterSend>.Forbidden("Only editors and admins send digests.");
        var errors = new ValidationErrors();
        var now = time.UtcNow();
        var newsletter = input.NewsletterId is { } nid ? await db.Newsletters.FirstOrDefaultAsync(n => n.Id == nid && n.ArchivedAt == null, ct) : null;
        if (newsletter is null) errors.Add("newsletter", "Choose the newsletter the digest goes to.");
        var subject = string.Join(' ', (NulScrubber.Clean(input.Subject) ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (subject.Length == 0) errors.Add("subject", "Give the digest a subject line, such as “The week in culture”.");
        else if (subject.Length > NewsletterLimits.DigestSubject) errors.Add("subject", $"The subject is {subject.Length} characters long; the limit is {NewsletterLimits.DigestSubject}.");
        var intro = (NulScrubber.Clean(input.Intro) ?? "").Replace("\r\n", "\n").Trim();
        if (intro.Length > NewsletterLimits.DigestIntro) errors.Add("intro", $"The introduction is {intro.Length:N0} characters long; the limit is {NewsletterLimits.DigestIntro:N0}.");
        var ids = input.ArticleIds.Distinct().ToList();
        if (ids.Count == 0) errors.Add("stories", "Choose at least one published story.");
        else if (ids.Count > NewsletterLimits.DigestStories) errors.Add("stories", $"A digest holds at most {NewsletterLimits.DigestStories} stories; you chose {ids.Count}.");
        else
        {
            var published = await db.Articles.Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published).Select(a => a.Id).ToListAsync(ct);
            if (published.Count != ids.Count) errors.Add("stories", "One of the chosen stories is not published (any more); choose again.");
        }
        if (input.SendAt is { } at && at < now - Slack)
            errors.Add("sendAt", "That time has passed. Choose a time to come, or send it now.");
        if (errors.Any) return Result<NewsletterSend>.Invalid(errors);

        var digest = new Digest
        {
            NewsletterId = newsletter!.Id, Subject = subject, Intro = intro, CreatedAt = now,
            SendAt = input.SendAt is { } when && when > now ? when : null,
            Stories = ids.Select((id, i) => new DigestStory { ArticleId = id, Position = i }).ToList(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Digests.Add(digest);
        await db.SaveChangesAsync(ct);
        var send = new NewsletterSend
        {
            DigestId = digest.Id, NewsletterId = newsletter.Id, State = SendState.Waiting, RequestedAt = now,
            RequestedBy = editor.Name is { Length: > 0 } who ? who : "Masthead",
        };
        db.NewsletterSends.Add(send);
        AuditTrail.Record(db, now, editor, digest.SendAt is null ? "sent a digest" : "scheduled a digest", "newsletter", newsletter.Id, detail: $"{newsletter.Name}: {subject}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<NewsletterSend>.Created(send);
    }
}
