namespace Masthead.Core.Pages;

public enum NavigationPlacement
{
    None,
    Primary,
    Footer,
}

/// <summary>A standalone page such as About or Corrections policy, served at /{slug}.</summary>
public sealed class Page
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public NavigationPlacement Placement { get; set; }
    public int SortOrder { get; set; }
    public DateTime ModifiedAt { get; set; }
}
