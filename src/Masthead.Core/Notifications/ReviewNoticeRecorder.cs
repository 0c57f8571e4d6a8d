using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Notifications;

/// <summary>
/// Reads the workflow steps a save records in the audit log (submitted, changes requested, approved, published) and
/// adds the emails they owe to that same save: editors and admins hear of submissions, a story's writer of what
/// happens to it. Nobody is told of their own step, deactivated accounts and those who turned emails off hear nothing.
/// </summary>
public sealed class ReviewNoticeRecorder(TimeProvider time) : MastheadSaveInterceptor
{
    /// <summary>A second audit line for the same step (an approval's comment is one) sends no second email within this time.</summary>
    private static readonly TimeSpan Repeat = TimeSpan.FromMinutes(5);

    public static ReviewNoticeKind? KindOf(string action) => action switch
    {
        "submitted for review" or "submitted changes for review" => ReviewNoticeKind.Submitted,
        ReviewComments.Action => ReviewNoticeKind.ChangesRequested,
        "approved" or "approved changes" => ReviewNoticeKind.Approved,
        "published" => ReviewNoticeKind.Published,
        _ => null,
    };

    protected override async Task BeforeSaveAsync(MastheadDbContext db, CancellationToken ct)
    {
        var steps = db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Select(e => (Event: e, Kind: KindOf(e.Action))).Where(s => s.Kind is not null && s.Event.ArticleId is not null).ToList();
        if (steps.Count == 0) return;
        var now = time.UtcNow();
        foreach (var (step, kind) in steps)
        {
            var articleId = step.ArticleId!.Value;
            var recipients = kind == ReviewNoticeKind.Submitted
                // Roles are stored by name, so they are listed rather than compared ("Admin" sorts before "Editor").
                ? await db.Users.AsNoTracking().Where(u => u.Role == Role.Editor || u.Role == Role.Admin).Select(u => u.Id).ToListAsync(ct)
                : await db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.CreatedByUserId != null).Select(a => a.CreatedByUserId!.Value).ToListAsync(ct);
            var since = now - Repeat;
            var told = await db.Set<ReviewNotice>().AsNoTracking()
                .Where(n => n.ArticleId == articleId && n.Kind == kind && n.CreatedAt >= since).Select(n => n.UserId).ToListAsync(ct);
            var willing = await db.Users.AsNoTracking()
                .Where(u => recipients.Contains(u.Id) && u.DeactivatedAt == null && u.NotifyByEmail && u.Id != (step.UserId ?? 0) && !told.Contains(u.Id))
                .Select(u => u.Id).ToListAsync(ct);
            foreach (var userId in willing)
                db.Set<ReviewNotice>().Add(new ReviewNotice
                {
                    UserId = userId, ArticleId = articleId, Kind = kind!.Value, ActorName = step.UserName, CreatedAt = now,
                    Comment = kind == ReviewNoticeKind.ChangesRequested || kind == ReviewNoticeKind.Approved ? step.Detail : null,
                });
        }
    }

    protected override Task AfterSaveAsync(MastheadDbContext db, CancellationToken ct) => Task.CompletedTask;

    protected override void SaveFailed(DbContext db) { }
}
