using System.Globalization;
using System.Security.Claims;
using Masthead.Core.Members;
using Microsoft.AspNetCore.Authentication;

namespace Masthead.Web.Members;

/// <summary>
/// The member's sign-in, in its own cookie (masthead_member, for the whole site so members-only stories can read it): it names a member, never a newsroom user,
/// and the newsroom's scheme never reads it. Each request checks it against the database, so signing out everywhere
/// or deleting the account ends every session at once, on every node.
/// </summary>
public sealed class MemberSession(MemberAccounts accounts)
{
    private const string StampClaim = "masthead:member-stamp";

    public async Task<Member?> CurrentAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(MembersRegistration.Scheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } idText
            || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || result.Principal.FindFirstValue(StampClaim) is not { } stamp) return null;
        return await accounts.FindSessionAsync(id, stamp, http.RequestAborted);
    }

    public static Task SignInAsync(HttpContext http, Member member)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, member.Id.ToString(CultureInfo.InvariantCulture)), new Claim(StampClaim, member.SecurityStamp)],
            MembersRegistration.Scheme);
        return http.SignInAsync(MembersRegistration.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    public static async Task SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(MembersRegistration.Scheme);
        // Sessions from before the cookie covered the whole site were kept at /members: that one goes too.
        http.Response.Cookies.Delete(MembersRegistration.CookieName, new CookieOptions { Path = "/members" });
    }
}
