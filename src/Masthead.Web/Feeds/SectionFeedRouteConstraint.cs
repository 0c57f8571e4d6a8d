namespace Masthead.Web.Feeds;

/// <summary>
/// Matches "{section path}/feed.xml" and "{section path}/feed.atom" in the public catch-all, so a section feed at any
/// depth gets its own endpoint. A constrained catch-all outranks the unconstrained one that resolves pages.
/// </summary>
public sealed class SectionFeedRouteConstraint : IRouteConstraint
{
    public const string Name = "sectionfeed";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string path && Parse(path) is not null;

    /// <summary>The section path and feed format of a matching address, or null.</summary>
    public static (string SectionPath, FeedFormat Format)? Parse(string path)
    {
        var clean = path.Trim('/');
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom })
        {
            var suffix = "/" + FeedUrls.File(format);
            if (clean.Length > suffix.Length && clean.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return (clean[..^suffix.Length].ToLowerInvariant(), format);
        }
        return null;
    }
}
