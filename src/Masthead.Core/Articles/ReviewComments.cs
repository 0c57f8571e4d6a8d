using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>What an editor wrote when sending a story back, by whom and when.</summary>
public sealed record ReviewComment(int ArticleId, string By, DateTime At, string Text);

/// <summary>
/// The comment that sent each story (or its pending changes) back, read from the activity log where the workflow
/// records it ("requested changes"), so the writer sees it where they look: on the story and on their dashboard.
/// </summary>
public static class ReviewComments
{
    public const string Action = "requested changes";

    public static async Task<Dictionary<int, ReviewComment>> LatestAsync(MastheadDbContext db, IReadOnlyCollection<int> articleIds, CancellationToken ct)
    {
        if (articleIds.Count == 0) return [];
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == Action && e.ArticleId != null && articleIds.Contains(e.ArticleId.Value))
            .OrderByDescending(e => e.Id)
            .Select(e => new { ArticleId = e.ArticleId!.Value, e.UserName, e.At, e.Detail })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ArticleId).ToDictionary(g => g.Key, g => g.First() is var r ? new ReviewComment(r.ArticleId, r.UserName, r.At, r.Detail ?? "") : null!);
    }
}
