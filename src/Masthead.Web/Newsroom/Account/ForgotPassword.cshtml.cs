using Masthead.Core.Accounts;
using Masthead.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Account;

public sealed class ForgotPasswordModel(AccountLinks links, AccountMailer mailer, SignInThrottle throttle, IOptions<MastheadOptions> options) : PageModel
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
        var secret = await links.CreatePasswordResetAsync(Email, ct);
        if (secret is not null)
        {
            var link = $"{options.Value.BaseUrl.TrimEnd('/')}/newsroom/reset-password?token={Uri.EscapeDataString(secret)}";
            await mailer.SendAsync(Email.Trim(), "Reset your newsroom password", "Follow this link to choose a new password. It works once, for two hours.", link, ct);
        }
        // The same answer either way, so the form cannot be used to find out who has an account.
        Sent = true;
        return Page();
    }
}
