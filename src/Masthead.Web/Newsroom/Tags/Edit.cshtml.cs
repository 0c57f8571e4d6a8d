using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Tags;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Tags;

/// <summary>One tag: rename it, merge it into another, or delete it.</summary>
public sealed class EditTagModel(MastheadDbContext db, SaveTag save, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageTaxonomy(role);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public int? Target { get; set; }

    public Tag Tag { get; private set; } = null!;
    public int Stories { get; private set; }
    public IReadOnlyList<string> OldSlugs { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Name = Tag.Name;
        Slug = Tag.Slug;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await save.UpdateAsync(id, new TagInput(Name ?? "", string.IsNullOrWhiteSpace(Slug) ? null : Slug), Me, ct);
        return await AfterAsync(result, "saved", id, ct);
    }

    public async Task<IActionResult> OnPostMergeAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await save.MergeAsync(id, Target, Me, ct);
        return await AfterAsync(result, "merged", id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await save.DeleteAsync(id, Me, ct);
        return await AfterAsync(result, "deleted", id, ct);
    }

    private async Task<IActionResult> AfterAsync(Result<Tag> result, string done, int id, CancellationToken ct)
    {
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Outcome == Outcome.Ok) return Redirect($"/newsroom/tags?done={done}");
        Fail(result);
        // Show the tag as it is stored, with what was typed still in the rename form.
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return false;
        Tag = tag;
        Stories = await db.Set<ArticleTag>().CountAsync(l => l.TagId == id, ct);
        OldSlugs = await db.TagRedirects.AsNoTracking().Where(r => r.TagId == id).OrderBy(r => r.OldSlug).Select(r => r.OldSlug).ToListAsync(ct);
        Others = (await db.Tags.AsNoTracking().Where(t => t.Id != id).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
        return true;
    }

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " story" : " stories");
}
