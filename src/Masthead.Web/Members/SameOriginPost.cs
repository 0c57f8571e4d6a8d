namespace Masthead.Web.Members;

/// <summary>
/// The check that stands in for an anti-forgery token on forms served inside cached public pages (which cannot carry a
/// per-visitor token): a browser says where a POST comes from in Sec-Fetch-Site (all current browsers) or Origin, and
/// anything from another site is refused. A request with neither header is not from a browser page (curl, a script),
/// so it could not have been forged in someone's browser; double opt-in makes anything it asks for harmless anyway.
/// </summary>
public static class SameOriginPost
{
    public static bool IsAllowed(HttpContext http, string baseUrl)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from)) return false; // includes "null", sent from sandboxed frames
        return SameOrigin(from, baseUrl) || SameOrigin(from, $"{http.Request.Scheme}://{http.Request.Host}");
    }

    private static bool SameOrigin(Uri from, string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var ours)
        && string.Equals(from.Scheme, ours.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(from.Host, ours.Host, StringComparison.OrdinalIgnoreCase) && from.Port == ours.Port;
}
