using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.LiveBlogs;

/// <summary>
/// Running a live blog: starting and ending coverage, and posting, changing and removing entries. Whoever may edit
/// the story may do these; on a public story an entry reaches readers at once, with no review in between, so there
/// it also takes the right to publish the story (a contributor's edits to a public story wait for review instead).
/// </summary>
public sealed class LiveBlogDesk(MastheadDbContext db, BodyRenderer renderer, TimeProvider time, IEmbedPictures? embedPictures = null)
{
    /// <summary>The story's entries, newest first, for someone who may edit it.</summary>
    public async Task<Result<IReadOnlyList<LiveEntry>>> EntriesAsync(int articleId, Editor editor, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null || !editor.MayEdit(article)) return Result<IReadOnlyList<LiveEntry>>.NotFound($"There is no article with id {articleId} that you may read.");
        var entries = await db.LiveEntries.AsNoTracking().Include(e => e.Author).Where(e => e.ArticleId == articleId)
            .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).ToListAsync(ct);
        return Result<IReadOnlyList<LiveEntry>>.Ok(entries);
    }

    public Task<Result<Article>> StartAsync(int articleId, Editor editor, CancellationToken ct) =>
        ChangeArticleAsync(articleId, editor, "started live coverage", (article, now) =>
        {
            if (article.IsLive) return Invalid("live", "Live coverage of this story has already started.");
            article.StartLive(now);
            return null;
        }, ct);

    public Task<Result<Article>> EndAsync(int articleId, Editor editor, CancellationToken ct) =>
        ChangeArticleAsync(articleId, editor, "ended live coverage", (article, now) =>
        {
            if (!article.IsLive) return Invalid("live", article.IsLiveBlog ? "Live coverage of this story has already ended." : "This story is not a live blog.");
            article.EndLive(now);
            return null;
        }, ct);

    public async Task<Result<LiveEntry>> PostAsync(int articleId, LiveEntryInput input, Editor editor, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (Refusal<LiveEntry>(article, articleId, editor) is { } refused) return refused;
        if (!article!.IsLiveBlog) return Result<LiveEntry>.Invalid("live", "This story is not a live blog; start live coverage before posting entries.");
        if (BodyProblem(input.Body, required: true) is { } problem) return Result<LiveEntry>.Invalid("body", problem);
        var now = time.UtcNow();
        var entry = new LiveEntry
        {
            ArticleId = articleId,
            Author = await db.Users.Where(u => u.Id == editor.UserId).Select(u => u.AuthorId)
                .Join(db.Authors, authorId => authorId, author => author.Id, (_, author) => author).FirstOrDefaultAsync(ct),
            IsKeyEvent = input.KeyEvent ?? false,
            PublishedAt = now,
            UpdatedAt = now,
        };
        await RenderAsync(entry, input.Body!, ct);
        db.LiveEntries.Add(entry);
        // One save for the entry and its audit event; the entry has no id yet, the story and the words identify it.
        AuditTrail.Record(db, now, editor, "posted a live entry", "liveEntry", null, articleId, Snippet(entry.BodyText, 200));
        await SaveTouchingStoryAsync(articleId, now, ct);
        return Result<LiveEntry>.Created(entry);
    }

    public async Task<Result<LiveEntry>> EditAsync(int articleId, int entryId, LiveEntryInput input, Editor editor, CancellationToken ct)
    {
        var (entry, refused) = await LoadAsync(articleId, entryId, editor, ct);
        if (refused is not null) return refused;
        if (input.Body is not null && BodyProblem(input.Body, required: true) is { } problem) return Result<LiveEntry>.Invalid("body", problem);
        var now = time.UtcNow();
        if (input.Body is not null) await RenderAsync(entry!, input.Body, ct);
        if (input.KeyEvent is { } key) entry!.IsKeyEvent = key;
        entry!.UpdatedAt = now;
        AuditTrail.Record(db, now, editor, "changed a live entry", "liveEntry", entry.Id, articleId, Snippet(entry.BodyText, 200));
        await SaveTouchingStoryAsync(articleId, now, ct);
        return Result<LiveEntry>.Ok(entry);
    }

    public async Task<Result<LiveEntry>> DeleteAsync(int articleId, int entryId, Editor editor, CancellationToken ct)
    {
        var (entry, refused) = await LoadAsync(articleId, entryId, editor, ct);
        if (refused is not null) return refused;
        var now = time.UtcNow();
        db.LiveEntries.Remove(entry!);
        AuditTrail.Record(db, now, editor, "deleted a live entry", "liveEntry", entry!.Id, articleId, Snippet(entry.BodyText, 200));
        await SaveTouchingStoryAsync(articleId, now, ct);
        return Result<LiveEntry>.Ok(entry);
    }

    /// <summary>The start of an entry's words, cut at a word boundary, for labels and snippets.</summary>
    public static string Snippet(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    /// <summary>
    /// Saves an entry change and moves the story's ModifiedAt (its page's Last-Modified) with it, in one transaction.
    /// The story's version, which an open edit form holds, is left alone: a reporter posting an entry must not make
    /// the editor polishing the introduction lose their save.
    /// </summary>
    private async Task SaveTouchingStoryAsync(int articleId, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ModifiedAt, now), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<(LiveEntry? Entry, Result<LiveEntry>? Refused)> LoadAsync(int articleId, int entryId, Editor editor, CancellationToken ct)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (Refusal<LiveEntry>(article, articleId, editor) is { } refused) return (null, refused);
        var entry = await db.LiveEntries.Include(e => e.Author).FirstOrDefaultAsync(e => e.Id == entryId && e.ArticleId == articleId, ct);
        return entry is null ? (null, Result<LiveEntry>.NotFound($"Article {articleId} has no entry with id {entryId}.")) : (entry, null);
    }

    private async Task<Result<Article>> ChangeArticleAsync(int articleId, Editor editor, string action, Func<Article, DateTime, ValidationErrors?> change, CancellationToken ct)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (Refusal<Article>(article, articleId, editor) is { } refused) return refused;
        var now = time.UtcNow();
        if (change(article!, now) is { } errors) return Result<Article>.Invalid(errors);
        AuditTrail.Record(db, now, editor, action, "article", articleId, articleId, article!.Headline);
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

    private static Result<T>? Refusal<T>(Article? article, int articleId, Editor editor)
    {
        if (article is null) return Result<T>.NotFound($"There is no article with id {articleId}.");
        if (!editor.MayEdit(article)) return Result<T>.Forbidden("You may only run live coverage on stories you created.");
        if (article.IsPublic && !editor.MayPublish(article))
            return Result<T>.Forbidden("The story is public, so its live coverage reaches readers at once: only people who may publish it can change it.");
        return null;
    }

    private static string? BodyProblem(string? body, bool required)
    {
        var trimmed = body?.Trim() ?? "";
        if (required && trimmed.Length == 0) return "The entry needs some text.";
        if (trimmed.Length > ArticleLimits.LiveEntryBody) return $"The entry is longer than {ArticleLimits.LiveEntryBody} characters; split it into two.";
        return PromoBlock.BodyProblem(trimmed);
    }

    private async Task RenderAsync(LiveEntry entry, string body, CancellationToken ct)
    {
        entry.BodyMarkdown = body.Trim();
        // As in a story: a video's still is fetched the first time an entry embeds it, and its absence harms nothing.
        var stills = embedPictures is null ? NoEmbedPictures.None : await embedPictures.ForBodyAsync(entry.BodyMarkdown, fetchMissing: true, ct);
        entry.BodyHtml = renderer.Render(entry.BodyMarkdown, stills);
        entry.BodyText = PlainText.FromHtml(entry.BodyHtml);
    }

    private static ValidationErrors Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }
}
