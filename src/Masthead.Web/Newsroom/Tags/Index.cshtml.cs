using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Tags;

/// <summary>Every tag with how many stories carry it, so the rarely used and the near-duplicates stand out.</summary>
public sealed class TagsModel(MastheadDbContext db, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageTaxonomy(role);

    public sealed record Row(int Id, string Name, string Slug, int Stories, int Published);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Q { get; private set; }

    public async Task OnGetAsync(string? q, string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "saved" => "Tag saved.",
            "merged" => "Tags merged.",
            "deleted" => "Tag deleted.",
            _ => null,
        };
        Q = q?.Trim();
        var tags = db.Tags.AsNoTracking();
        if (!string.IsNullOrEmpty(Q)) { var lower = Q.ToLower(); tags = tags.Where(t => t.Name.ToLower().Contains(lower)); }
        var links = db.Set<ArticleTag>();
        Rows = await tags.OrderBy(t => t.Name)
            .Select(t => new Row(t.Id, t.Name, t.Slug,
                links.Count(l => l.TagId == t.Id),
                links.Count(l => l.TagId == t.Id && db.Articles.Any(a => a.Id == l.ArticleId && a.Status == ArticleStatus.Published))))
            .ToListAsync(ct);
    }
}
