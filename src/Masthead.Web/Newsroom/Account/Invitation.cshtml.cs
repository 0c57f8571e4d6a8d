using Masthead.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Web.Newsroom.Account;

public sealed class InvitationModel(AccountLinks links, NewsroomSession session) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public (string Email, Role Role)? Invited { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await links.AcceptInvitationAsync(Token, DisplayName, Password, ct);
        if (result.Value is { } user)
        {
            await session.SignInAsync(user, null);
            return Redirect("/newsroom");
        }
        Message = string.Join(" ", result.Errors?.ToDictionary().SelectMany(e => e.Value) ?? []);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var invitation = await links.FindInvitationAsync(Token, ct);
        Invited = invitation is null ? null : (invitation.Email!, invitation.Role);
    }
}
