using Masthead.Core.Articles;

namespace Masthead.Web.PublicSite.Meta;

/// <summary>Builds each page's schema.org description from the same models the templates render, so the two agree.</summary>
public static class StructuredData
{
    /// <summary>The search page's address pattern; the page itself answers at /search?q=….</summary>
    public const string SearchPathTemplate = "/search?q={search_term_string}";

    public static NewsMediaOrganizationLd Publisher(SiteModel site) => new(
        site.Name, site.AbsoluteUrl("/"), site.LogoUrl is null ? null : new ImageObjectLd(site.AbsoluteOrSame(site.LogoUrl)));

    public static WebSiteLd WebSite(SiteModel site) => new(
        site.Name, site.AbsoluteUrl("/"), site.Language, site.Tagline, Publisher(site),
        new SearchActionLd(new EntryPointLd(site.AbsoluteUrl(SearchPathTemplate))));

    public static NewsArticleLd Article(SiteModel site, ArticlePageModel article)
    {
        var bylineSlugs = article.Bylines.Select(b => b.Slug).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<object> authors = article.Bylines.Count > 0
            ? article.Bylines.Select(b => new PersonLd(b.Name, site.AbsoluteUrl(b.Url))).ToList()
            : [new OrganizationLd(site.Name, site.AbsoluteUrl("/"))];
        // Credits that only repeat a byline ("Words: …") add nothing; the rest say who else worked on the story.
        // Each credit says whether it names a person or an organisation; one linked to an author page links there.
        var contributors = article.Credits
            .Where(c => c.AuthorSlug is null || !bylineSlugs.Contains(c.AuthorSlug))
            .Select(c => new RoleLd(c.Role, Contributor(site, c)))
            .ToList();
        var corrections = article.Notes.Where(n => n.Kind == ArticleNoteKind.Correction)
            .Select(n => new CorrectionCommentLd(n.Text, site.IsoDate(n.At))).ToList();
        var url = site.AbsoluteUrl(article.Url);
        var description = article.SeoDescription ?? article.Standfirst;

        return new NewsArticleLd
        {
            Headline = article.Headline,
            Description = description.Length > 0 ? description : null,
            Image = article.Hero is { } hero
                ? [new ImageObjectLd(site.AbsoluteOrSame(hero.Url), hero.FileSize?.Width, hero.FileSize?.Height, hero.Caption, hero.Credit)]
                : site.DefaultSocialImageUrl is { } fallback ? [new ImageObjectLd(site.AbsoluteOrSame(fallback))] : null,
            DatePublished = site.IsoDate(article.PublishedAt),
            DateModified = site.IsoDate(article.UpdatedAt is { } updated && updated > article.PublishedAt ? updated : article.PublishedAt),
            Author = authors,
            Contributor = contributors.Count > 0 ? contributors : null,
            Publisher = Publisher(site),
            MainEntityOfPage = url,
            Url = url,
            ArticleSection = article.Section.Name,
            Keywords = article.Tags.Count > 0 ? article.Tags.Select(t => t.Name).ToList() : null,
            InLanguage = site.Language,
            Correction = corrections.Count > 0 ? corrections : null,
            IsAccessibleForFree = article.Access == StoryAccess.Public,
            HasPart = article.Access == StoryAccess.Members ? new WebPageElementLd(false, "." + ArticlePageModel.MembersOnlyClass) : null,
        };
    }

    private static object Contributor(SiteModel site, CreditLine credit)
    {
        var url = credit.AuthorSlug is null ? null : site.AbsoluteUrl("/author/" + credit.AuthorSlug);
        return credit.Kind == CreditKind.Organization ? new OrganizationLd(credit.Name, url) : new PersonLd(credit.Name, url);
    }

    /// <summary>The newest entries a live blog describes; older ones stay on the page, not in every copy of its head.</summary>
    public const int LiveBlogUpdates = 50;

    /// <summary>A live blog: LiveBlogPosting, with when coverage ran and its newest entries as BlogPostings.</summary>
    public static LiveBlogPostingLd LiveBlog(SiteModel site, ArticlePageModel article)
    {
        var live = article.Live ?? throw new ArgumentException("The story is not a live blog.", nameof(article));
        var url = site.AbsoluteUrl(article.Url);
        var described = Article(site, article);
        var modified = live.LastEntryChange is { } entry && entry > article.PublishedAt ? site.IsoDate(entry) : described.DateModified;
        return new LiveBlogPostingLd(described with { DateModified = modified })
        {
            CoverageStartTime = site.IsoDate(live.StartedAt),
            CoverageEndTime = live.EndedAt is { } ended ? site.IsoDate(ended) : null,
            LiveBlogUpdate = live.Entries.Take(LiveBlogUpdates).Select(e => new BlogPostingLd(
                LiveBlogs.LiveBlogText.Label(e.Text), Masthead.Core.LiveBlogs.LiveBlogDesk.Snippet(e.Text, 500),
                site.IsoDate(e.PublishedAt), site.IsoDate(e.UpdatedAt), $"{url}#{e.Anchor}")).ToList(),
        };
    }

    /// <summary>Home, then each crumb in order; <paramref name="crumbs"/> are site-relative paths, the last one being the page itself.</summary>
    public static BreadcrumbListLd Breadcrumbs(SiteModel site, IEnumerable<(string Name, string Path)> crumbs) =>
        new(crumbs.Prepend((Name: "Home", Path: "/"))
            .Select((crumb, index) => new ListItemLd(index + 1, crumb.Name, site.AbsoluteUrl(crumb.Path)))
            .ToList());

    public static ProfilePageLd Profile(SiteModel site, AuthorPageModel author)
    {
        var url = site.AbsoluteUrl("/author/" + author.Slug);
        return new ProfilePageLd(url, new PersonLd(author.Name, url)
        {
            Description = author.Bio,
            Image = author.PhotoUrl is null ? null : site.AbsoluteOrSame(author.PhotoUrl),
            SameAs = author.Links.Count > 0 ? author.Links : null,
        });
    }
}
