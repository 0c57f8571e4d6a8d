using System.Globalization;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Media;

/// <summary>Alt text, caption, credit and focal point of one picture; the same rules as the admin API (others' pictures need Editor).</summary>
public sealed class EditMediaModel(MastheadDbContext db, EditMedia edit, NewsroomSession session) : PageModel
{
    public MediaItem? Item { get; private set; }
    public bool Saved { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken ct)
    {
        Item = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        Saved = saved;
        return Item is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? alt, string? caption, string? credit, string? focalX, string? focalY, CancellationToken ct)
    {
        static double? Number(string? s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        var (media, errors, problem) = await edit.UpdateAsync(id, new MediaEdit(alt ?? "", caption ?? "", credit ?? "",
            new FocalPointInput(Number(focalX), Number(focalY))), session.Editor, ct);
        if (problem is { Status: StatusCodes.Status404NotFound }) return NotFound();
        if (problem is { Status: StatusCodes.Status403Forbidden }) return Forbid();
        if (media is not null && errors is null && problem is null) return Redirect($"/newsroom/media/{id}?saved=true");
        Errors = errors?.ToDictionary() ?? new Dictionary<string, string[]> { ["file"] = [problem!.Detail] };
        Item = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
