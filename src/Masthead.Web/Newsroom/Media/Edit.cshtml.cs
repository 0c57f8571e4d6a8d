using System.Globalization;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Media;

/// <summary>Alt text, caption, credit and focal point of one picture; the same rules as the admin API (others' pictures need Editor).</summary>
public sealed class EditMediaModel(MastheadDbContext db, EditMedia edit, DeleteMedia deletes, NewsroomSession session) : PageModel
{
    public MediaItem? Item { get; private set; }
    public bool Saved { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    /// <summary>Where the picture appears, so no one deletes or re-describes it blind.</summary>
    public IReadOnlyList<DeleteMedia.Use> UsedIn { get; private set; } = [];
    public bool MayChange => Item is not null && session.Editor.MayEdit(Item);

    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>Deletes a picture nothing uses; one still in use is refused with the list of where.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var result = await deletes.DeleteAsync(id, session.Editor, ct);
        switch (result.Outcome)
        {
            case Outcome.Ok: return Redirect("/newsroom/media?deleted=true");
            case Outcome.NotFound: return NotFound();
            case Outcome.Forbidden: return Forbid();
        }
        // The page lists where it is used, with links, so the message need not repeat the use case's list.
        Errors = new Dictionary<string, string[]> { ["delete"] = ["This picture is still used, so it was not deleted. Change or remove it where it appears first (listed under “Used in”)."] };
        await LoadAsync(id, ct);
        Response.StatusCode = FormStatus.For(result.Outcome);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Item = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (Item is null) return false;
        UsedIn = await deletes.UseListAsync(Item, ct, few: 20);
        return true;
    }

    public async Task<IActionResult> OnPostAsync(int id, string? alt, string? caption, string? credit, string? focalX, string? focalY, CancellationToken ct)
    {
        static double? Number(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await edit.UpdateAsync(id, new MediaEdit(alt ?? "", caption ?? "", credit ?? "",
            new FocalPointInput(Number(focalX), Number(focalY))), session.Editor, ct);
        switch (result.Outcome)
        {
            case Outcome.Ok: return Redirect($"/newsroom/media/{id}?saved=true");
            case Outcome.NotFound: return NotFound();
            case Outcome.Forbidden: return Forbid();
        }
        Errors = result.Errors?.ToDictionary() ?? new Dictionary<string, string[]> { ["file"] = [result.Message!] };
        await LoadAsync(id, ct);
        Response.StatusCode = FormStatus.For(result.Outcome);
        return Page();
    }
}
