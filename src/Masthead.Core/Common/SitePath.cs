namespace Masthead.Core.Common;

/// <summary>
/// An address on this site, written as a path ("/media/…", "/about"). "//host" and "/\host" are not paths: browsers
/// read both as another host. The one place that rule lives, for hero pictures, author photos, logos, navigation,
/// imported addresses and links in story bodies.
/// </summary>
public static class SitePath
{
    public static bool IsSitePath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Contains('\\') && !url.Any(char.IsControl);
}
