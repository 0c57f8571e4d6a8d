using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Web.Newsroom.Sections;

/// <summary>The section tree, with up/down buttons that reorder siblings (plain forms, no script needed).</summary>
public sealed class SectionsModel(MastheadDbContext db, SaveSection save, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageTaxonomy(role);

    public IReadOnlyList<SectionTree.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "created" => "Section created.",
            "saved" => "Section saved.",
            "deleted" => "Section deleted.",
            "moved" => "Order saved.",
            _ => null,
        };
        Rows = await SectionTree.LoadAsync(db, ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, string? direction, CancellationToken ct)
    {
        var result = await save.MoveAsync(id, direction == "up" ? -1 : 1, Me, ct);
        return await AnswerAsync(result, $"/newsroom/sections?done=moved#section-{id}", async () => Rows = await SectionTree.LoadAsync(db, ct));
    }
}
