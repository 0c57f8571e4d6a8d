using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Web.PublicSite;

/// <summary>
/// The names public pages are cached under. Every page carries <see cref="All"/>, the tags of the listings
/// it is (home, a section, an author, a tag), and one tag per story it shows — as the story itself or as a
/// card — so a change to a story evicts exactly the pages that show it, plus the listings it now belongs in.
/// The same tags go out in Surrogate-Key and Cache-Tag headers, so a CDN can purge the same set.
/// </summary>
public static class PublicCacheTags
{
    public const string All = "site";
    public const string Policy = "public-page";
    public const string Home = "home";
    /// <summary>Pages that list every recent story whatever its section: the home page, the main feeds, sitemaps.</summary>
    public const string Latest = "latest";

    public static string Article(int id) => "article-" + id.ToString(CultureInfo.InvariantCulture);
    public static string Section(int id) => "section-" + id.ToString(CultureInfo.InvariantCulture);
    public static string Author(int id) => "author-" + id.ToString(CultureInfo.InvariantCulture);
    public static string Tag(int id) => "tag-" + id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The tags of the page being rendered, collected by the queries that read what it shows.</summary>
public sealed class PageTags
{
    private readonly HashSet<string> _tags = [PublicCacheTags.All];

    public IReadOnlyCollection<string> All => _tags;

    public void Add(string tag) => _tags.Add(tag);

    public void AddArticles(IEnumerable<int> ids)
    {
        foreach (var id in ids) _tags.Add(PublicCacheTags.Article(id));
    }
}

/// <summary>Hands the page's collected tags to the output cache when it stores the response.</summary>
public sealed class PageTagsPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        Hosting.PageCacheGeneration.Begin(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        Masthead.Core.Common.MastheadMetrics.PageCache(hit: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        Masthead.Core.Common.MastheadMetrics.PageCache(hit: false);
        Hosting.PageCacheGeneration.Check(context);
        foreach (var tag in context.HttpContext.RequestServices.GetRequiredService<PageTags>().All) context.Tags.Add(tag);
        return ValueTask.CompletedTask;
    }
}
