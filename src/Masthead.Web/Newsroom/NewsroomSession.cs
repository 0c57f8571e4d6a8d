using System.Globalization;
using System.Security.Claims;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Web.AdminApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom;

/// <summary>Who is using the newsroom in this request, and the sign-in/sign-out of a session cookie.</summary>
public sealed class NewsroomSession(IHttpContextAccessor accessor)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No current request.");

    public bool IsSignedIn => Http.User.Identity?.IsAuthenticated == true && Http.User.FindFirst(ClaimTypes.NameIdentifier) is not null;

    public Editor Editor => Http.User.ToEditor();

    public Role Role => Editor.Role;

    public string Name => Http.User.FindFirstValue(ClaimTypes.Name) ?? "";

    public static ClaimsPrincipal PrincipalFor(int userId, string email, string name, Role role, string? authorSlug, string stamp, string sessionId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, email),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role.ToString()),
            new(SessionEvents.StampClaim, stamp),
            new(SessionEvents.SessionClaim, sessionId),
        };
        if (authorSlug is not null) claims.Add(new Claim(BearerTokenHandler.AuthorSlugClaim, authorSlug));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, NewsroomRegistration.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Starts a server-side session (so it can be ended for good) and gives the browser its cookie.</summary>
    public async Task SignInAsync(User user, string? authorSlug)
    {
        var db = Http.RequestServices.GetRequiredService<MastheadDbContext>();
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        db.SignInSessions.Add(new SignInSession { Id = id, UserId = user.Id, StartedAt = Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        await Http.SignInAsync(NewsroomRegistration.Scheme,
            PrincipalFor(user.Id, user.Email, user.DisplayName, user.Role, authorSlug, user.SecurityStamp, id),
            new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends this session on the server (every copy of its cookie, on every node) and drops the cookie.</summary>
    public async Task SignOutAsync()
    {
        if (Http.User.FindFirstValue(SessionEvents.SessionClaim) is { } id)
        {
            var db = Http.RequestServices.GetRequiredService<MastheadDbContext>();
            var now = Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await db.SignInSessions.Where(x => x.Id == id && x.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.EndedAt, now));
        }
        await Http.SignOutAsync(NewsroomRegistration.Scheme);
    }
}
