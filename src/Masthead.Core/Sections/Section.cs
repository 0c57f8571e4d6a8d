namespace Masthead.Core.Sections;

/// <summary>A node of the section tree (Culture › Film &amp; TV). Its URL is the path of slugs from the root.</summary>
public sealed class Section
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public Section? Parent { get; set; }
    public List<Section> Children { get; set; } = [];
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    /// <summary>Slash-separated slugs from the root ("culture/film-tv"); kept in step by <see cref="SectionTree"/>.</summary>
    public string Path { get; set; } = "";
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public DateTime ModifiedAt { get; set; }
}
