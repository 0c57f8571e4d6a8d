using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Web.Members;

/// <summary>
/// How a members-only story's page stays out of every shared copy. The page for anyone without the member cookie is the
/// teaser, cached like any public page. A request that carries the cookie is kept apart in the page cache (the cache
/// key says whether the cookie was sent), and its answer for a members-only story — whole for a member, the teaser for
/// a cookie that no longer stands — is private, no-store: never kept in the page cache, in stale copies, in Varnish
/// (which passes any request with the cookie) or in a browser. So a member's page can never be served to anyone else.
/// </summary>
public static class MembersOnlyPages
{
    public static bool HasMemberCookie(HttpContext http) => http.Request.Cookies.ContainsKey(MembersRegistration.CookieName);

    /// <summary>The page cache's key part: requests with and without the member cookie never share an entry.</summary>
    public static KeyValuePair<string, string> CacheKey(HttpContext http) => new("member", HasMemberCookie(http) ? "1" : "0");

    /// <summary>Whether the request comes from a signed-in member (a database read, so only asked on members-only stories).</summary>
    public static async Task<bool> ReaderIsMemberAsync(HttpContext http) =>
        HasMemberCookie(http) && await http.RequestServices.GetRequiredService<MemberSession>().CurrentAsync(http) is not null;

    /// <summary>Marks the answer as one reader's own: stored nowhere.</summary>
    public static void KeepPrivate(HttpContext http)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        if (http.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
    }

    /// <summary>Whether an answer says it may not be kept for others (stale copies obey it as the page cache does).</summary>
    public static bool IsPrivate(HttpResponse response)
    {
        var value = response.Headers.CacheControl.ToString();
        return value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase);
    }
}
