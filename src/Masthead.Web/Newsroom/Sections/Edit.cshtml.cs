using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Sections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Sections;

/// <summary>Creates or edits a section: name, slug, description, parent (moving it, with its sub-sections) and order; deletes an empty one.</summary>
public sealed class EditSectionModel(MastheadDbContext db, SaveSection save, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageTaxonomy(role);

    public sealed class SectionForm
    {
        public string? Name { get; set; }
        public string? Slug { get; set; }
        public string? Description { get; set; }
        public string? Parent { get; set; }
        public string? Order { get; set; }
    }

    [BindProperty] public SectionForm Form { get; set; } = new();
    public Section? Existing { get; private set; }
    public bool IsNew => Existing is null;
    public int Stories { get; private set; }
    /// <summary>Where the section may go: every section except itself and those under it.</summary>
    public IReadOnlyList<SectionTree.Row> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Existing is { } s)
        {
            var parentPath = await ParentPathAsync(s, ct);
            Form = new SectionForm
            {
                Name = s.Name, Slug = s.Slug, Description = s.Description, Parent = parentPath,
                Order = s.SortOrder.ToString(CultureInfo.InvariantCulture),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        int? order = null;
        if (!string.IsNullOrWhiteSpace(Form.Order))
        {
            if (!int.TryParse(Form.Order.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                Fail("sortOrder", $"The order must be a whole number, such as 0 or 3; “{Form.Order}” is not.");
                return Page();
            }
            order = n;
        }
        // Moved elsewhere with its old number untouched: it goes last among its new siblings instead.
        if (Existing is { } current && order == current.SortOrder && (Form.Parent ?? "") != await ParentPathAsync(current, ct)) order = null;
        var input = new SectionInput(Form.Name ?? "", string.IsNullOrWhiteSpace(Form.Slug) ? null : Form.Slug, Form.Parent ?? "", Form.Description ?? "", order);
        var result = IsNew ? await save.CreateAsync(input, Me, ct) : await save.UpdateAsync(Existing!.Id, input, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Value is { } saved) return Redirect($"/newsroom/sections?done={(IsNew ? "created" : "saved")}#section-{saved.Id}");
        Fail(result);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Existing is null) return NotFound();
        var result = await save.DeleteAsync(Existing.Id, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Outcome == Outcome.Ok) return Redirect("/newsroom/sections?done=deleted");
        Fail(result);
        await OnGetAsync(id, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<string> ParentPathAsync(Section section, CancellationToken ct) =>
        section.ParentId is { } p ? await db.Sections.Where(x => x.Id == p).Select(x => x.Path).FirstAsync(ct) : "";

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var rows = await SectionTree.LoadAsync(db, ct);
        if (id != "new")
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sectionId)) return false;
            Existing = await db.Sections.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sectionId, ct);
            if (Existing is null) return false;
            Stories = await db.Articles.CountAsync(a => a.PrimarySectionId == sectionId, ct);
            var own = Existing.Path;
            rows = rows.Where(r => r.Path != own && !r.Path.StartsWith(own + "/", StringComparison.Ordinal)).ToList();
        }
        Parents = rows;
        return true;
    }
}
