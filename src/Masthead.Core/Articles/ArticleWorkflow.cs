using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>The editorial verbs that move an article between states, each with its permission check.</summary>
public sealed class ArticleWorkflow(MastheadDbContext db, TimeProvider time, SaveArticle save)
{
    public Task<Result<Article>> PublishAsync(int id, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, Right.Publish, "published", null, (article, now) =>
        {
            var gate = PublishGate.Check(article);
            if (gate.Any) return gate;
            if (article.IsEmbargoedAt(now))
                return Invalid("embargoUntil", $"The story is under embargo until {article.EmbargoUntil:yyyy-MM-dd HH:mm} UTC; schedule it for that time or later instead.");
            article.Publish(now);
            return null;
        }, ct);

    public Task<Result<Article>> ScheduleAsync(int id, DateTime? at, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, Right.Publish, "scheduled", null, (article, now) =>
        {
            if (at is null) return Invalid("publishAt", "Give the time to publish at, e.g. \"2026-12-01T09:00:00Z\".");
            var utc = at.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at.Value, DateTimeKind.Utc) : at.Value.ToUniversalTime();
            if (PlannedTime.Problem(utc, now, "time to publish at") is { } outOfRange) return Invalid("publishAt", outOfRange);
            if (utc <= now) return Invalid("publishAt", "The time to publish at must be in the future; publish now instead.");
            if (article.IsPublic) return Invalid("publishAt", "The article is already published.");
            if (article.EmbargoUntil is { } until && utc < until)
                return Invalid("publishAt", $"The story is under embargo until {until:yyyy-MM-dd HH:mm} UTC; it cannot be scheduled earlier.");
            var gate = PublishGate.Check(article);
            if (gate.Any) return gate;
            article.Schedule(utc, now);
            return null;
        }, ct);

    public Task<Result<Article>> UnpublishAsync(int id, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, Right.Publish, "unpublished", null, (article, now) =>
        {
            if (article.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled))
                return Invalid("status", $"Only a published or scheduled article can be unpublished; this one is {article.Status}.");
            article.Unpublish(now);
            return null;
        }, ct);

    /// <summary>Sends a draft for review; for a story holding reviewed text, sends its pending changes.</summary>
    public async Task<Result<Article>> SubmitForReviewAsync(int id, int? expectedVersion, Editor editor, CancellationToken ct)
    {
        if (await HoldsReviewedTextAsync(id, ct))
            return await ChangePendingAsync(id, expectedVersion, editor, Right.Edit, "submitted changes for review", null, pending =>
            {
                if (pending is null) return Invalid("status", "There are no changes to send for review: the story is as readers (or the approved version) have it.");
                if (pending.State == PendingState.InReview) return Invalid("status", "These changes are already waiting for review.");
                pending.State = PendingState.InReview;
                return null;
            }, ct);
        return await ChangeAsync(id, expectedVersion, editor, Right.Edit, "submitted for review", null, (article, now) =>
        {
            if (article.Status is not (ArticleStatus.Draft or ArticleStatus.ChangesRequested or ArticleStatus.Unpublished))
                return Invalid("status", $"Only a draft can be sent for review; this one is {article.Status}.");
            article.SubmitForReview(now);
            return null;
        }, ct);
    }

    /// <summary>Throws away a story's pending changes; the live (or approved) version stays as it is.</summary>
    public Task<Result<Article>> DiscardPendingAsync(int id, Editor editor, CancellationToken ct) =>
        ChangePendingAsync(id, null, editor, Right.Edit, "discarded pending changes", null, pending =>
        {
            if (pending is null) return Invalid("status", "This story has no pending changes.");
            db.PendingChanges.Remove(pending);
            return null;
        }, ct);

    /// <summary>Sends a story (or its pending changes) back to its writer; the comment says what to change and is kept in its activity log.</summary>
    public async Task<Result<Article>> RequestChangesAsync(int id, string? comment, int? expectedVersion, Editor editor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(comment)) return Result<Article>.Invalid("comment", "Say what needs to change, so the writer knows what to do.");
        if (comment.Length > ArticleLimits.NoteText) return Result<Article>.Invalid("comment", $"The comment is longer than {ArticleLimits.NoteText} characters.");
        if (await PendingInReviewAsync(id, ct))
            return await ChangePendingAsync(id, expectedVersion, editor, Right.Review, ReviewComments.Action, comment.Trim(), pending =>
            {
                pending!.State = PendingState.ChangesRequested;
                return null;
            }, ct);
        return await ChangeAsync(id, expectedVersion, editor, Right.Review, ReviewComments.Action, comment.Trim(), (article, now) =>
        {
            if (article.Status is not (ArticleStatus.InReview or ArticleStatus.Approved))
                return Invalid("status", $"Only a story in review can be sent back; this one is {article.Status}.");
            article.RequestChanges(now);
            return null;
        }, ct);
    }

    /// <summary>Approves a story in review; for pending changes in review, makes them the story's text (live, if it is published).</summary>
    public async Task<Result<Article>> ApproveAsync(int id, string? comment, int? expectedVersion, Editor editor, CancellationToken ct)
    {
        if (await PendingInReviewAsync(id, ct))
        {
            var check = await CheckAsync(id, expectedVersion, editor, Right.Review, ct);
            if (check is not null) return check;
            var applied = await save.ApplyPendingAsync(id, editor, "approved changes", ct);
            if (applied.Value is not null && !string.IsNullOrWhiteSpace(comment))
            {
                AuditTrail.Record(db, time.UtcNow(), editor, "approved changes", "article", id, id, comment.Trim());
                await db.SaveChangesAsync(ct);
            }
            return applied;
        }
        return await ChangeAsync(id, expectedVersion, editor, Right.Review, "approved", string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), (article, now) =>
        {
            if (article.Status != ArticleStatus.InReview)
                return Invalid("status", $"Only a story in review can be approved; this one is {article.Status}.");
            article.Approve(now);
            return null;
        }, ct);
    }

    /// <summary>Sets or lifts the embargo. A scheduled time before a new embargo is pushed back to the embargo.</summary>
    public Task<Result<Article>> SetEmbargoAsync(int id, DateTime? until, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, Right.Publish, until is null ? "lifted the embargo" : "set an embargo", null, (article, now) =>
        {
            if (until is null) { article.EmbargoUntil = null; article.Touch(now); return null; }
            var utc = until.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(until.Value, DateTimeKind.Utc) : until.Value.ToUniversalTime();
            if (PlannedTime.Problem(utc, now, "embargo time") is { } outOfRange) return Invalid("embargoUntil", outOfRange);
            if (article.IsPublic) return Invalid("embargoUntil", "The story is already public; an embargo can no longer hold it back.");
            article.EmbargoUntil = utc;
            if (article.Status == ArticleStatus.Scheduled && article.ScheduledFor < utc) article.Schedule(utc, now);
            else article.Touch(now);
            return null;
        }, ct);

    public Task<Result<Article>> AddNoteAsync(int id, ArticleNoteKind kind, string? text, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, Right.Publish, kind == ArticleNoteKind.Correction ? "added a correction" : "added an update", text?.Trim(), (article, now) =>
        {
            var trimmed = text?.Trim() ?? "";
            if (trimmed.Length == 0) return Invalid("text", "The note needs a text that tells readers what changed.");
            if (trimmed.Length > ArticleLimits.NoteText) return Invalid("text", $"The note is longer than {ArticleLimits.NoteText} characters.");
            article.AddNote(kind, trimmed, now);
            return null;
        }, ct);

    /// <summary>Publishes every scheduled article whose time has come; returns how many.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = time.UtcNow();
        var due = await db.Articles.Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledFor <= now).ToListAsync(ct);
        due.RemoveAll(a => a.IsEmbargoedAt(now));
        var lags = due.Select(a => now - a.ScheduledFor!.Value).ToList();
        foreach (var article in due)
        {
            article.Publish(now, backdatedTo: article.ScheduledFor);
            AuditTrail.Record(db, now, Editor.System, "published on schedule", "article", article.Id, article.Id, article.Headline);
        }
        if (due.Count == 0) return 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node published (or someone edited) the same story first; the next pass settles it.
            return 0;
        }
        foreach (var lag in lags) MastheadMetrics.SchedulerLag(lag);
        return due.Count;
    }

    private static ValidationErrors Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private enum Right { Edit, Review, Publish }

    private Task<bool> HoldsReviewedTextAsync(int id, CancellationToken ct) =>
        db.Articles.HoldingReviewedText().AnyAsync(a => a.Id == id, ct);

    private Task<bool> PendingInReviewAsync(int id, CancellationToken ct) =>
        db.PendingChanges.AnyAsync(p => p.ArticleId == id && p.State == PendingState.InReview, ct);

    /// <summary>The permission and version checks every verb makes; null when the change may go ahead.</summary>
    private async Task<Result<Article>?> CheckAsync(int id, int? expectedVersion, Editor editor, Right right, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return article is null ? Result<Article>.NotFound($"There is no article with id {id}.") : Refusal(article, expectedVersion, editor, right);
    }

    private static Result<Article>? Refusal(Article article, int? expectedVersion, Editor editor, Right right)
    {
        if (!editor.MayEdit(article)) return Result<Article>.Forbidden("You may only change articles you created.");
        if (right == Right.Publish && !editor.MayPublish(article))
            return Result<Article>.Forbidden(editor.Role == Role.Contributor
                ? "Contributors cannot publish, schedule or unpublish; submit the article for review instead."
                : "You may only publish your own articles.");
        if (right == Right.Review && !Permissions.CanReview(editor.Role))
            return Result<Article>.Forbidden("Only editors and admins review stories.");
        if (expectedVersion is { } v && v != article.Version)
            return Result<Article>.Stale($"The article has changed since you loaded it (you have version {v}, it is now at version {article.Version}).");
        return null;
    }

    /// <summary>A workflow step on the working copy alone: the live article (and so readers, feeds and webhooks) is untouched.</summary>
    private async Task<Result<Article>> ChangePendingAsync(int id, int? expectedVersion, Editor editor, Right right, string action, string? comment,
        Func<PendingChange?, ValidationErrors?> change, CancellationToken ct)
    {
        var article = await db.Articles.Include(a => a.Pending).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return Result<Article>.NotFound($"There is no article with id {id}.");
        if (Refusal(article, expectedVersion, editor, right) is { } refused) return refused;
        var errors = change(article.Pending);
        if (errors is not null) return Result<Article>.Invalid(errors);
        if (article.Pending is { } pending && db.Entry(pending).State != EntityState.Deleted)
        {
            pending.Version++;
            pending.SavedAt = time.UtcNow();
        }
        AuditTrail.Record(db, time.UtcNow(), editor, action, "article", article.Id, article.Id, comment ?? article.Headline);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Article>.Stale("Someone else changed these pending changes at the same moment. Reload the story and try again.");
        }
        return Result<Article>.Ok(article);
    }

    private async Task<Result<Article>> ChangeAsync(int id, int? expectedVersion, Editor editor, Right right, string action, string? comment,
        Func<Article, DateTime, ValidationErrors?> change, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return Result<Article>.NotFound($"There is no article with id {id}.");
        if (Refusal(article, expectedVersion, editor, right) is { } refused) return refused;

        var now = time.UtcNow();
        var errors = change(article, now);
        if (errors is not null) return Result<Article>.Invalid(errors);
        AuditTrail.Record(db, now, editor, action, "article", article.Id, article.Id, comment ?? article.Headline);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Article>.Stale("Someone else changed this article at the same moment. Reload it and try again.");
        }
        return Result<Article>.Ok(article);
    }
}
