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
    public DateTime ModifiedAt { get; set; }
}

/// <summary>A link in the site's primary navigation, in order.</summary>
public sealed class NavigationItem
{
    public int Id { get; set; }
    public string Label { get; set; } = "";
    public string Url { get; set; } = "";
    public int SortOrder { get; set; }
}
