namespace Masthead.Web.PublicSite.Meta;

/// <summary>The Open Graph article:* facts of a story page.</summary>
public sealed record ArticleMeta(DateTime Published, DateTime Modified, string Section, IReadOnlyList<string> Tags, IReadOnlyList<string> AuthorUrls)
{
    public static ArticleMeta For(SiteModel site, ArticlePageModel article) => new(
        article.PublishedAt,
        article.UpdatedAt is { } updated && updated > article.PublishedAt ? updated : article.PublishedAt,
        article.Section.Name,
        article.Tags.Select(t => t.Name).ToList(),
        article.Bylines.Select(b => site.AbsoluteUrl(b.Url)).ToList());
}
