using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.PublicSite.LiveBlogs;

/// <summary>
/// A live blog's entries for the public site: read beside the article page's fixed statements rather than inside
/// them, and only for stories that are live blogs. Every read tags the page with its story, so a new entry evicts it.
/// </summary>
public sealed class LiveEntryQueries(MastheadDbContext db, PageTags tags)
{
    /// <summary>The coverage and every entry, newest first; null when the story is not a live blog.</summary>
    public async Task<LiveBlogModel?> ForArticleAsync(int articleId, DateTime? startedAt, DateTime? endedAt, CancellationToken ct)
    {
        if (startedAt is not { } started) return null;
        tags.Add(PublicCacheTags.Article(articleId));
        return new LiveBlogModel(articleId, started, endedAt, await EntriesAsync(articleId, after: 0, ct));
    }

    /// <summary>Entries newer than <paramref name="after"/> of a public live blog; null when there is no such blog.</summary>
    public async Task<LiveUpdatesModel?> UpdatesAsync(SiteModel site, int articleId, int after, CancellationToken ct)
    {
        var story = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId && a.Status == ArticleStatus.Published && a.LiveStartedAt != null)
            .Select(a => new { a.Slug, a.PrimarySectionId, a.LiveEndedAt })
            .FirstOrDefaultAsync(ct);
        if (story is null || !site.SectionsById.TryGetValue(story.PrimarySectionId, out var section)) return null;
        tags.Add(PublicCacheTags.Article(articleId));
        return new LiveUpdatesModel($"/{section.Path}/{story.Slug}", story.LiveEndedAt is null, await EntriesAsync(articleId, after, ct));
    }

    private async Task<IReadOnlyList<LiveEntryModel>> EntriesAsync(int articleId, int after, CancellationToken ct)
    {
        var rows = await db.LiveEntries.AsNoTracking()
            .Where(e => e.ArticleId == articleId && e.Id > after)
            .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.BodyHtml, e.BodyText, e.IsKeyEvent, e.PublishedAt, e.UpdatedAt, AuthorName = e.Author == null ? null : e.Author.Name, AuthorSlug = e.Author == null ? null : e.Author.Slug })
            .ToListAsync(ct);
        return rows.Select(e => new LiveEntryModel(e.Id, e.BodyHtml, e.BodyText, e.IsKeyEvent, e.PublishedAt, e.UpdatedAt,
            e.AuthorName is null ? null : new AuthorLink(e.AuthorName, e.AuthorSlug!))).ToList();
    }
}
