using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Common;

/// <summary>
/// What a change touched: stories, and the sections, authors and tags whose listings they belong in.
/// Listings a story is leaving are found by the story itself (every page is tagged with the stories it shows).
/// </summary>
public sealed record ContentChange(
    IReadOnlyCollection<int> ArticleIds, IReadOnlyCollection<int> SectionIds, IReadOnlyCollection<int> AuthorIds,
    IReadOnlyCollection<int> TagIds, bool IsEverything = false)
{
    public static ContentChange Everything { get; } = new([], [], [], [], true);

    /// <summary>The story and every listing it belongs in now, read from the database after the change is saved.</summary>
    public static async Task<ContentChange> ForArticleAsync(MastheadDbContext db, int articleId, CancellationToken ct)
    {
        var found = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new
            {
                a.PrimarySectionId,
                Sections = a.SecondarySections.Select(s => s.SectionId).ToList(),
                Authors = a.Bylines.Select(b => b.AuthorId).ToList(),
                Tags = a.Tags.Select(t => t.TagId).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? new ContentChange([articleId], [], [], [])
            : new ContentChange([articleId], [found.PrimarySectionId, .. found.Sections], found.Authors, found.Tags);
    }

    public ContentChange Merge(ContentChange other) => IsEverything || other.IsEverything ? Everything : new(
        [.. ArticleIds.Union(other.ArticleIds)], [.. SectionIds.Union(other.SectionIds)],
        [.. AuthorIds.Union(other.AuthorIds)], [.. TagIds.Union(other.TagIds)]);
}
