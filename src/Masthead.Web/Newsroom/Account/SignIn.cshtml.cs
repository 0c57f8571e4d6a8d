using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Account;

public sealed class SignInModel(SignInService signIn, SignInThrottle throttle, NewsroomSession session, MastheadDbContext db, TimeProvider time) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }
    public string? Notice { get; private set; }

    public void OnGet(bool reset = false)
    {
        if (reset) Notice = "Your password has been changed. Sign in with the new one.";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await throttle.TryAcquireAsync(HttpContext))
        {
            Message = "Too many sign-in attempts from your network. Wait a minute and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Message = "Enter your email and your password.";
            return Page();
        }

        var result = await signIn.SignInAsync(Email, Password, SignInThrottle.ClientOf(HttpContext), ct);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                Message = $"Too many failed attempts for this email from your network. Wait {SignInService.LockoutDuration.TotalMinutes:0} minutes, or reset your password.";
                return Page();
            case SignInOutcome.Failed:
                Message = "That email and password do not match an account.";
                return Page();
        }

        var user = result.User!;
        // Every account writes as an author; the first sign-in makes the profile when nobody linked one.
        var slug = await Masthead.Core.Authors.AccountAuthors.EnsureAsync(db, user.Id, time.GetUtcNow().UtcDateTime, ct);
        await session.SignInAsync(user, slug);
        return LocalRedirect(IsNewsroomPath(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/newsroom");
    }

    // Only ever go back into the newsroom: an open redirect after sign-in is a phishing tool.
    private static bool IsNewsroomPath(string? url) =>
        url is not null && url.StartsWith("/newsroom", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
        && !url.Any(char.IsControl); // a tab or newline in it is no address anyone meant
}
