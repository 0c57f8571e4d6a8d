using System.Globalization;
using System.Security.Claims;
using Masthead.Core.Accounts;
using Masthead.Web.AdminApi;
using Microsoft.AspNetCore.Authentication;

namespace Masthead.Web.Newsroom;

/// <summary>Who is using the newsroom in this request, and the sign-in/sign-out of a session cookie.</summary>
public sealed class NewsroomSession(IHttpContextAccessor accessor)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No current request.");

    public bool IsSignedIn => Http.User.Identity?.IsAuthenticated == true && Http.User.FindFirst(ClaimTypes.NameIdentifier) is not null;

    public Editor Editor => Http.User.ToEditor();

    public Role Role => Editor.Role;

    public string Name => Http.User.FindFirstValue(ClaimTypes.Name) ?? "";

    public static ClaimsPrincipal PrincipalFor(int userId, string email, string name, Role role, string? authorSlug, string stamp)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, email),
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role.ToString()),
            new(SessionEvents.StampClaim, stamp),
        };
        if (authorSlug is not null) claims.Add(new Claim(BearerTokenHandler.AuthorSlugClaim, authorSlug));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, NewsroomRegistration.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public Task SignInAsync(User user, string? authorSlug) =>
        Http.SignInAsync(NewsroomRegistration.Scheme,
            PrincipalFor(user.Id, user.Email, user.DisplayName, user.Role, authorSlug, user.SecurityStamp),
            new AuthenticationProperties { IsPersistent = false });

    public Task SignOutAsync() => Http.SignOutAsync(NewsroomRegistration.Scheme);
}
