using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>The editorial verbs that move an article between states, each with its permission check.</summary>
public sealed class ArticleWorkflow(MastheadDbContext db, TimeProvider time, IContentChangeNotifier notifier)
{
    public Task<Result<Article>> PublishAsync(int id, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, requirePublishRight: true, (article, now) =>
        {
            if (article.Headline.Length == 0) return Invalid("headline", "An article needs a headline before it can be published.");
            article.Publish(now);
            return null;
        }, ct);

    public Task<Result<Article>> ScheduleAsync(int id, DateTime? at, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, requirePublishRight: true, (article, now) =>
        {
            if (at is null) return Invalid("publishAt", "Give the time to publish at, e.g. \"2026-12-01T09:00:00Z\".");
            var utc = at.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at.Value, DateTimeKind.Utc) : at.Value.ToUniversalTime();
            if (utc <= now) return Invalid("publishAt", "The time to publish at must be in the future; publish now instead.");
            if (article.IsPublic) return Invalid("publishAt", "The article is already published.");
            article.Schedule(utc, now);
            return null;
        }, ct);

    public Task<Result<Article>> UnpublishAsync(int id, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, requirePublishRight: true, (article, now) =>
        {
            if (article.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled))
                return Invalid("status", $"Only a published or scheduled article can be unpublished; this one is {article.Status}.");
            article.Unpublish(now);
            return null;
        }, ct);

    public Task<Result<Article>> SubmitForReviewAsync(int id, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, requirePublishRight: false, (article, now) =>
        {
            if (article.Status is not (ArticleStatus.Draft or ArticleStatus.Unpublished))
                return Invalid("status", $"Only a draft can be sent for review; this one is {article.Status}.");
            article.SubmitForReview(now);
            return null;
        }, ct);

    public Task<Result<Article>> AddNoteAsync(int id, ArticleNoteKind kind, string? text, int? expectedVersion, Editor editor, CancellationToken ct) =>
        ChangeAsync(id, expectedVersion, editor, requirePublishRight: true, (article, now) =>
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
        foreach (var article in due) article.Publish(now, backdatedTo: article.ScheduledFor);
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
        await notifier.ContentChangedAsync(ct);
        return due.Count;
    }

    private static ValidationErrors Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private async Task<Result<Article>> ChangeAsync(int id, int? expectedVersion, Editor editor, bool requirePublishRight,
        Func<Article, DateTime, ValidationErrors?> change, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return Result<Article>.NotFound($"There is no article with id {id}.");
        if (!editor.MayEdit(article)) return Result<Article>.Forbidden("You may only change articles you created.");
        if (requirePublishRight && !editor.MayPublish(article))
            return Result<Article>.Forbidden(editor.Role == Role.Contributor
                ? "Contributors cannot publish, schedule or unpublish; submit the article for review instead."
                : "You may only publish your own articles.");
        if (expectedVersion is { } v && v != article.Version)
            return Result<Article>.Stale($"The article has changed since you loaded it (you have version {v}, it is now at version {article.Version}).");

        var wasPublic = article.IsPublic;
        var errors = change(article, time.UtcNow());
        if (errors is not null) return Result<Article>.Invalid(errors);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Article>.Stale("Someone else changed this article at the same moment. Reload it and try again.");
        }
        if (wasPublic || article.IsPublic) await notifier.ContentChangedAsync(ct);
        return Result<Article>.Ok(article);
    }
}
