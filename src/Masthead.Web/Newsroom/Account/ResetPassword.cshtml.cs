using Masthead.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Web.Newsroom.Account;

public sealed class ResetPasswordModel(AccountLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    /// <summary>Off unless ticked: sessions always end with a reset, API tokens only by this choice.</summary>
    [BindProperty] public bool RevokeTokens { get; set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await links.ResetPasswordAsync(Token, Password, RevokeTokens, ct);
        if (result.Errors is { } errors)
        {
            Message = string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value));
            return Page();
        }
        return Redirect("/newsroom/sign-in?reset=true");
    }
}
