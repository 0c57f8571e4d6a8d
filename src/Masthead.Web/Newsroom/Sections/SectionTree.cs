using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Sections;

/// <summary>The section tree as the newsroom lists it: depth-first, siblings in the order readers see them.</summary>
public static class SectionTree
{
    public sealed record Row(int Id, string Name, string Path, int? ParentId, int Depth, int SortOrder, bool IsFirst, bool IsLast, int Stories);

    public static async Task<IReadOnlyList<Row>> LoadAsync(MastheadDbContext db, CancellationToken ct)
    {
        var all = await db.Sections.AsNoTracking().Select(s => new { s.Id, s.Name, s.Path, s.ParentId, s.SortOrder }).ToListAsync(ct);
        var stories = await db.Articles.AsNoTracking().GroupBy(a => a.PrimarySectionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byParent = all.ToLookup(s => s.ParentId);
        var rows = new List<Row>(all.Count);
        void Walk(int? parent, int depth)
        {
            var siblings = byParent[parent].OrderBy(s => s.SortOrder).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
            for (var i = 0; i < siblings.Count; i++)
            {
                var s = siblings[i];
                rows.Add(new Row(s.Id, s.Name, s.Path, s.ParentId, depth, s.SortOrder, i == 0, i == siblings.Count - 1, stories.GetValueOrDefault(s.Id)));
                Walk(s.Id, depth + 1);
            }
        }
        Walk(null, 0);
        return rows;
    }
}
