using System.Security.Claims;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Keeps sessions honest: a session ends when it is signed out (on the server, so a copied cookie dies too), when
/// its user is deactivated or signed out everywhere, or changes password (the security stamp moves), and a user whose role changed gets the new role on their next request. JSON requests get
/// 401/403 instead of a redirect to the sign-in page, so the editor script can keep the writer's text and
/// ask them to sign in again.
/// </summary>
public sealed class SessionEvents : CookieAuthenticationEvents
{
    public const string StampClaim = "masthead:stamp";
    /// <summary>The server-side session (<see cref="Core.Accounts.SignInSession"/>) the cookie belongs to.</summary>
    public const string SessionClaim = "masthead:session";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.RejectPrincipal();
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<MastheadDbContext>();
        // One round trip per newsroom request: the account and whether this cookie's server-side session is still open.
        var sessionId = principal.FindFirstValue(SessionClaim) ?? "";
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp, u.DeactivatedAt, u.Role, u.DisplayName, u.AuthorId,
                Live = db.SignInSessions.Any(x => x.Id == sessionId && x.UserId == userId && x.EndedAt == null),
            }).FirstOrDefaultAsync();
        if (user is null || !user.Live || user.DeactivatedAt is not null || user.SecurityStamp != principal.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(NewsroomRegistration.Scheme);
            return;
        }
        if (user.Role.ToString() != principal.FindFirstValue(ClaimTypes.Role) || user.DisplayName != principal.FindFirstValue(ClaimTypes.Name))
        {
            var slug = user.AuthorId is { } a ? await db.Authors.Where(x => x.Id == a).Select(x => x.Slug).FirstOrDefaultAsync() : null;
            context.ReplacePrincipal(NewsroomSession.PrincipalFor(userId, principal.FindFirstValue(ClaimTypes.Email) ?? "", user.DisplayName, user.Role, slug,
                user.SecurityStamp, sessionId));
            context.ShouldRenew = true;
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        IsJson(context.Request) ? Status(context, StatusCodes.Status401Unauthorized) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        IsJson(context.Request) ? Status(context, StatusCodes.Status403Forbidden) : base.RedirectToAccessDenied(context);

    private static bool IsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/newsroom/api") || request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
