using Masthead.Core.Accounts;
using Masthead.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Account;

public sealed class ForgotPasswordModel(PasswordResetRequests resets, SignInThrottle throttle) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await throttle.TryAcquireAsync(HttpContext))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Message = "Too many requests from your network. Wait a minute and try again.";
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Email))
        {
            Message = "Enter the email address you sign in with.";
            return Page();
        }
        // The same answer, in the same time, either way: the form cannot be used to find out who has an account.
        resets.Enqueue(Email);
        Sent = true;
        return Page();
    }
}
