using Masthead.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Me;

/// <summary>The signed-in person's own settings: for now, whether the newsroom emails them about review steps.</summary>
public sealed class MyAccountModel(MastheadDbContext db, NewsroomSession session) : PageModel
{
    public string Email { get; private set; } = "";
    public string Name { get; private set; } = "";
    [BindProperty] public bool NotifyByEmail { get; set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var changed = await db.Users.Where(u => u.Id == session.Editor.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.NotifyByEmail, NotifyByEmail), ct);
        return changed == 0 ? Forbid() : Redirect("/newsroom/account?saved=true");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().Where(u => u.Id == session.Editor.UserId)
            .Select(u => new { u.Email, u.DisplayName, u.NotifyByEmail }).FirstOrDefaultAsync(ct);
        if (me is null) return false;
        (Email, Name, NotifyByEmail) = (me.Email, me.DisplayName, me.NotifyByEmail);
        return true;
    }
}
