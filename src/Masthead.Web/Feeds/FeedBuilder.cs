using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Feeds;

/// <summary>Turns stories read from the database into a <see cref="FeedChannel"/>: absolute URLs, stable ids, people, categories, picture.</summary>
public sealed class FeedBuilder(FeedHtml html, MediaFileInfo media)
{
    /// <param name="scopeTitle">The section, author or tag the feed follows, or null for the whole publication.</param>
    public async Task<FeedChannel> BuildAsync(SiteModel site, FeedFormat format, string? scopeTitle, string? description, string pagePath, string selfPath,
        IReadOnlyList<FeedRow> rows, CancellationToken ct)
    {
        // A story whose section vanished from the tree has no address to link to, as on the site itself.
        var items = new List<FeedItem>();
        foreach (var row in rows.Where(row => site.SectionsById.ContainsKey(row.PrimarySectionId)))
            items.Add(Item(site, row, row.Hero is { } hero ? await ImageAsync(site, hero, ct) : null));
        var updated = items.Count > 0 ? items.Max(i => i.Updated) : site.ModifiedAt;
        return new FeedChannel(
            scopeTitle is null ? site.Name : $"{scopeTitle} | {site.Name}",
            string.IsNullOrWhiteSpace(description) ? site.Tagline ?? site.Name : description,
            site.Language,
            site.AbsoluteUrl(pagePath),
            site.AbsoluteUrl(selfPath),
            format,
            site.LogoUrl is null ? null : site.AbsoluteOrSame(site.LogoUrl),
            new FeedPerson(site.Name, site.AbsoluteUrl("/")),
            updated,
            items);
    }

    private FeedItem Item(SiteModel site, FeedRow row, FeedImage? image)
    {
        var url = site.AbsoluteUrl($"/{site.SectionsById[row.PrimarySectionId].Path}/{row.Slug}");
        var bylineSlugs = row.Bylines.Select(b => b.Slug).ToHashSet(StringComparer.Ordinal);
        // Credits repeat the bylines ("Words: …"); a contributor is someone credited who is not already an author.
        var contributors = row.Credits
            .Where(c => c.AuthorSlug is null || !bylineSlugs.Contains(c.AuthorSlug))
            .DistinctBy(c => c.Name)
            .Select(c => new FeedPerson(c.Name, c.AuthorSlug is null ? null : site.AbsoluteUrl("/author/" + c.AuthorSlug)))
            .ToList();

        var categories = new List<FeedCategory>();
        foreach (var id in row.AlsoInSections.Prepend(row.PrimarySectionId).Distinct())
            if (site.SectionsById.TryGetValue(id, out var s)) categories.Add(new FeedCategory(s.Path, s.Name, site.AbsoluteUrl("/")));
        categories.AddRange(row.Tags.Select(t => new FeedCategory(t.Slug, t.Name, site.AbsoluteUrl("/tag/"))));

        return new FeedItem(
            StableId(site, row),
            row.Headline,
            url,
            row.Standfirst.Length > 0 ? row.Standfirst : row.SeoDescription ?? "",
            // A members-only live blog's entries are for members too: its item carries the teaser alone.
            row.BodyHtml is null ? null : html.ForFeed(FeedBody(row, url) + (row.Access == StoryAccess.Public ? EntriesHtml(site, row) : ""), url),
            row.PublishedAt,
            new[] { row.UpdatedAt ?? row.PublishedAt, row.PublishedAt }.Concat(row.Entries.Select(e => e.UpdatedAt)).Max(),
            row.Bylines.Select(b => new FeedPerson(b.Name, site.AbsoluteUrl(b.Url))).ToList(),
            contributors,
            categories,
            image);
    }

    /// <summary>
    /// A live blog's latest entries, after the story's own body, newest first, each with its time, author and
    /// permalink. They stay inside the story's one item rather than becoming items of their own: a busy live blog
    /// would otherwise push every other story out of the feed, and readers would get fragments without their story.
    /// The item's updated time moves with the latest entry, so readers that honour it show the story as changed.
    /// </summary>
    private static string EntriesHtml(SiteModel site, FeedRow row)
    {
        if (row.Entries.Count == 0) return "";
        var b = new System.Text.StringBuilder("<section><h2>Latest updates</h2>");
        foreach (var e in row.Entries)
        {
            var when = e.PublishedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
            b.Append("<article><h3><a href=\"#entry-").Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(System.Net.WebUtility.HtmlEncode(when)).Append("</a></h3>");
            if (e.AuthorName is not null) b.Append("<p><em>").Append(System.Net.WebUtility.HtmlEncode(e.AuthorName)).Append("</em></p>");
            b.Append(e.BodyHtml).Append("</article>");
        }
        return b.Append("</section>").ToString();
    }

    /// <summary>A members-only story's feed entry carries its teaser and a link to the site, where members read the rest.</summary>
    private static string FeedBody(FeedRow row, string url) => row.Access == StoryAccess.Members
        ? Teaser.PublicHtml(row.BodyHtml!, row.Access)
          + $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(url)}\">This story is for members. Read it in full on the site.</a></p>"
        : row.BodyHtml!;

    private async Task<FeedImage> ImageAsync(SiteModel site, ImageModel hero, CancellationToken ct)
    {
        var (type, length) = await media.DescribeAsync(hero.Url, ct);
        // The size of the file the feed links (a library picture's scaled-down file), as og:image and JSON-LD declare it.
        return new FeedImage(site.AbsoluteOrSame(hero.Url), type, length, hero.FileSize?.Width, hero.FileSize?.Height, hero.Credit);
    }

    /// <summary>
    /// A tag URI (RFC 4151) from the publication's host, the day the story was first published and its id: unlike the URL
    /// it survives a new slug or a move to another section, so readers never show a story twice.
    /// </summary>
    public static string StableId(SiteModel site, FeedRow row)
    {
        var host = new Uri(site.BaseUrl).Host;
        var day = row.PublishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"tag:{host},{day}:article/{row.Id.ToString(CultureInfo.InvariantCulture)}";
    }
}
