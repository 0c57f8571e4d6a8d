namespace Masthead.Web.Feeds;

/// <summary>Where each feed lives. Pages link to these for autodiscovery; the endpoints answer at the same addresses.</summary>
public static class FeedUrls
{
    public const string RssFile = "feed.xml";
    public const string AtomFile = "feed.atom";

    public static string File(FeedFormat format) => format == FeedFormat.Rss ? RssFile : AtomFile;

    public static string MediaType(FeedFormat format) => format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml";

    public static string Publication(FeedFormat format) => "/" + File(format);

    public static string Section(string sectionPath, FeedFormat format) => $"/{sectionPath}/{File(format)}";

    public static string Author(string slug, FeedFormat format) => $"/author/{slug}/{File(format)}";

    public static string Tag(string slug, FeedFormat format) => $"/tag/{slug}/{File(format)}";
}

/// <summary>A feed a page advertises in its &lt;head&gt; (RSS and Atom of the same scope).</summary>
public sealed record FeedLink(string Title, string RssPath, string AtomPath)
{
    public static FeedLink ForPublication(string siteName) =>
        new(siteName, FeedUrls.Publication(FeedFormat.Rss), FeedUrls.Publication(FeedFormat.Atom));

    public static FeedLink ForSection(string siteName, string sectionName, string sectionPath) =>
        new($"{sectionName} | {siteName}", FeedUrls.Section(sectionPath, FeedFormat.Rss), FeedUrls.Section(sectionPath, FeedFormat.Atom));

    public static FeedLink ForAuthor(string siteName, string authorName, string slug) =>
        new($"{authorName} | {siteName}", FeedUrls.Author(slug, FeedFormat.Rss), FeedUrls.Author(slug, FeedFormat.Atom));

    public static FeedLink ForTag(string siteName, string tagName, string slug) =>
        new($"{tagName} | {siteName}", FeedUrls.Tag(slug, FeedFormat.Rss), FeedUrls.Tag(slug, FeedFormat.Atom));
}
