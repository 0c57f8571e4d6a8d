namespace Masthead.Core.Articles;

/// <summary>
/// The story filters every reader-facing query shares (public pages, feeds, sitemaps, the Content API, search
/// facets), written once so they cannot drift apart.
/// </summary>
public static class ArticleFilters
{
    /// <summary>What readers may see: published stories only (not scheduled, embargoed, approved or withdrawn).</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles) =>
        articles.Where(a => a.Status == ArticleStatus.Published);

    /// <summary>Stories whose text an editor has reviewed: published, approved or scheduled.</summary>
    public static IQueryable<Article> HoldingReviewedText(this IQueryable<Article> articles) =>
        articles.Where(a => a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Approved || a.Status == ArticleStatus.Scheduled);

    /// <summary>Stories whose own section, or one they also appear in, is among <paramref name="sectionIds"/> (already expanded to sub-sections).</summary>
    public static IQueryable<Article> InSections(this IQueryable<Article> articles, IReadOnlyCollection<int> sectionIds) =>
        articles.Where(a => sectionIds.Contains(a.PrimarySectionId) || a.SecondarySections.Any(s => sectionIds.Contains(s.SectionId)));
}
