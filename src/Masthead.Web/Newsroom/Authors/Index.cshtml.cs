using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Authors;

/// <summary>The people stories are credited to, with their bylines and the newsroom accounts linked to them.</summary>
public sealed class AuthorsModel(MastheadDbContext db, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageTaxonomy(role);

    public sealed record Row(int Id, string Name, string Slug, int Bylines, bool HasPhoto, bool HasBio);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch { "created" => "Author created.", "saved" => "Author saved.", _ => null };
        var bylines = db.Set<Byline>();
        Rows = await db.Authors.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Name, a.Slug, bylines.Count(b => b.AuthorId == a.Id), a.PhotoUrl != null, a.Bio != null))
            .ToListAsync(ct);
    }
}
