using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Web.Newsroom.Account;

/// <summary>Signing out is a POST (with its CSRF token), so a link on another site cannot sign anybody out.</summary>
public sealed class SignOutModel(NewsroomSession session) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await HttpContext.AuthenticateAsync(NewsroomRegistration.Scheme);
        if (result.Succeeded) await session.SignOutAsync();
        return RedirectToPage();
    }
}
