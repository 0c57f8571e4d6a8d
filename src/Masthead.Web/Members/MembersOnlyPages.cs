using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Web.Members;

/// <summary>
/// How a members-only story's page stays out of every shared copy. The page for anyone without a member cookie is the
/// teaser, cached like any public page. A request that carries a cookie Masthead signed is kept apart in the page cache
/// (the cache key says so), and its answer for a members-only story — whole for a member, the teaser for a session that
/// has since ended — is private, no-store: never kept in the page cache, in stale copies, in Varnish (which passes any
/// request with the cookie) or in a browser. So a member's page can never be served to anyone else. A cookie that is
/// not Masthead's (made up, altered, expired) counts as none: its reader gets the cached teaser, so made-up cookies
/// cannot make every request render anew.
/// </summary>
public static class MembersOnlyPages
{
    public static bool HasMemberCookie(HttpContext http) => http.Request.Cookies.ContainsKey(MembersRegistration.CookieName);

    /// <summary>
    /// A member cookie Masthead signed that has not expired: checked by its signature alone (no database read), so it
    /// is cheap enough for every request's cache key.
    /// </summary>
    public static async ValueTask<bool> HasSignedMemberCookieAsync(HttpContext http) =>
        HasMemberCookie(http) && (await http.AuthenticateAsync(MembersRegistration.Scheme)).Succeeded;

    /// <summary>The page cache's key part: requests with and without a signed member cookie never share an entry.</summary>
    public static async ValueTask<KeyValuePair<string, string>> CacheKeyAsync(HttpContext http, CancellationToken ct) =>
        new("member", await HasSignedMemberCookieAsync(http) ? "1" : "0");

    /// <summary>Whether the request comes from a signed-in member (a database read, so only asked on members-only stories).</summary>
    public static async Task<bool> ReaderIsMemberAsync(HttpContext http) =>
        HasMemberCookie(http) && await http.RequestServices.GetRequiredService<MemberSession>().CurrentAsync(http) is not null;

    /// <summary>Marks the answer as one reader's own: stored nowhere.</summary>
    public static void KeepPrivate(HttpContext http)
    {
        // no-cache too: a page with a form gets it from antiforgery anyway, which warns when it has to rewrite the header.
        http.Response.Headers.CacheControl = "private, no-cache, no-store";
        if (http.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
    }

    /// <summary>Whether an answer says it may not be kept for others (stale copies obey it as the page cache does).</summary>
    public static bool IsPrivate(HttpResponse response)
    {
        var value = response.Headers.CacheControl.ToString();
        return value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase);
    }
}
