namespace Masthead.Web.Sitemaps;

/// <summary>
/// robots.txt: crawlers may read the public site but not the APIs, the newsroom, previews or search results (an endless
/// space of near-duplicate pages), and learn where the sitemap index is. `$` anchors a rule at the end (RFC 9309), so
/// "/search$" does not also block a section called "searchlight".
/// </summary>
public static class RobotsTxt
{
    public static string For(string baseUrl) => $"""
        User-agent: *
        Disallow: /api/
        Disallow: /newsroom$
        Disallow: /newsroom/
        Disallow: /preview/
        Disallow: /search$
        Disallow: /search?

        Sitemap: {baseUrl.TrimEnd('/')}/sitemap.xml

        """;
}
