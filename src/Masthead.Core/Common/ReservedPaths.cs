namespace Masthead.Core.Common;

/// <summary>First URL segments that belong to the application, so no section or page may take them.</summary>
public static class ReservedPaths
{
    private static readonly HashSet<string> Segments = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "newsroom", "author", "authors", "tag", "tags", "media", "assets", "openapi", "search",
        "feed", "feeds", "rss", "sitemap", "sitemaps", "robots-txt", "health", "healthz", "readyz", "metrics", "live", "preview", "favicon-ico", "members",
        "newsletters", "mail",
    };

    public static bool IsReserved(string slug) => Segments.Contains(slug);
}
