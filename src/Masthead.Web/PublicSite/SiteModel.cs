using System.Globalization;
using Masthead.Core.Publication;

namespace Masthead.Web.PublicSite;

/// <summary>What every public page needs to know about the publication: name, navigation, sections, time zone.</summary>
public sealed record SiteModel(
    string Name,
    string? Tagline,
    string Language,
    TimeZoneInfo TimeZone,
    string BaseUrl,
    string? LogoUrl,
    IReadOnlyList<NavLink> Navigation,
    IReadOnlyList<NavLink> FooterLinks,
    IReadOnlyDictionary<string, SectionNode> SectionsByPath,
    IReadOnlyDictionary<int, SectionNode> SectionsById,
    IReadOnlyList<SectionNode> TopSections,
    string AssetVersion,
    DateTime ModifiedAt,
    FeedContent FeedContent,
    SiteTheme? Theme = null,
    string? DefaultSocialImageUrl = null,
    bool MailTracking = false)
{
    public SiteTheme Look => Theme ?? SiteTheme.Default;

    /// <summary>What social sites show for a page or story without a picture of its own; null when none is set.</summary>
    public ImageModel? DefaultSocialImage => DefaultSocialImageUrl is { } url ? new ImageModel(url, Name, null, null) : null;

    public CultureInfo Culture { get; } = CultureFor(Language);

    public string AbsoluteUrl(string path) => BaseUrl.TrimEnd('/') + path;

    /// <summary>An absolute URL for a stored address that may be site-relative ("/media/…") or already absolute.</summary>
    public string AbsoluteOrSame(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? AbsoluteUrl(url) : url;

    public DateTimeOffset Local(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeZone.GetUtcOffset(utc));

    /// <summary>Machine-readable instant for &lt;time datetime&gt;, with the publication's offset.</summary>
    public string IsoDate(DateTime utc) => Local(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string LongDate(DateTime utc) => Local(utc).ToString("d MMMM yyyy, HH:mm", Culture);

    public string ShortDate(DateTime utc) => Local(utc).ToString("d MMM yyyy", Culture);

    /// <summary>Every section depth-first, siblings in reading order, with its depth: the newsroom's section choices.</summary>
    public IReadOnlyList<(string Path, string Name, int Depth)> SectionChoices()
    {
        static IEnumerable<(string, string, int)> Walk(IEnumerable<SectionNode> nodes, int depth) =>
            nodes.SelectMany(n => Walk(n.Children, depth + 1).Prepend((n.Path, n.Name, depth)));
        return Walk(TopSections, 0).ToList();
    }

    /// <summary>The section and its ancestors, root first.</summary>
    public IReadOnlyList<SectionNode> Trail(SectionNode section)
    {
        var trail = new List<SectionNode>();
        for (SectionNode? s = section; s is not null; s = s.ParentId is { } p ? SectionsById.GetValueOrDefault(p) : null) trail.Insert(0, s);
        return trail;
    }

    private static CultureInfo CultureFor(string language)
    {
        try { return CultureInfo.GetCultureInfo(language); }
        catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; }
    }
}

public sealed record NavLink(string Label, string Url);

public sealed record SectionNode(int Id, string Name, string Path, string? Description, int? ParentId, int SortOrder, DateTime ModifiedAt)
{
    public List<SectionNode> Children { get; } = [];
    public string Url => "/" + Path;

    public IEnumerable<SectionNode> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}
