namespace Masthead.Core.Publication;

/// <summary>The single row that describes the publication itself.</summary>
public sealed class PublicationSettings
{
    public int Id { get; set; } = 1;
    public string Name { get; set; } = "Masthead";
    public string? Tagline { get; set; }
    public string Language { get; set; } = "en";
    public string TimeZone { get; set; } = "UTC";
    public string? LogoUrl { get; set; }
    /// <summary>Whether RSS and Atom feeds carry each story's whole body or only its standfirst.</summary>
    public FeedContent FeedContent { get; set; } = FeedContent.FullText;
    /// <summary>Brand colours as "#rrggbb"; null keeps the site's own. Saved only when they pass the contrast check (<see cref="Theme"/>).</summary>
    public string? AccentColor { get; set; }
    public string? AccentTextColor { get; set; }
    public string? BackgroundColor { get; set; }
    /// <summary>The key of one of <see cref="Theme.FontPairs"/>.</summary>
    public string FontPair { get; set; } = "classic";
    /// <summary>The picture shared on social sites for stories (and pages) without one of their own.</summary>
    public string? DefaultSocialImageUrl { get; set; }
    /// <summary>
    /// Whether newsletters carry an open pixel and links through the site's click redirect. Off unless an admin turns it
    /// on; the privacy page says which it is.
    /// </summary>
    public bool MailTracking { get; set; }
    public DateTime ModifiedAt { get; set; }
}

/// <summary>What a feed entry carries besides its headline, standfirst and picture.</summary>
public enum FeedContent
{
    /// <summary>The whole sanitized body, so subscribers can read in their feed reader.</summary>
    FullText,
    /// <summary>Only the standfirst; readers follow the link for the story.</summary>
    Excerpt,
}

/// <summary>A link in the site's primary navigation, in order.</summary>
public sealed class NavigationItem
{
    public int Id { get; set; }
    public string Label { get; set; } = "";
    public string Url { get; set; } = "";
    public int SortOrder { get; set; }
}
