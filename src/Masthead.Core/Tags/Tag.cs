namespace Masthead.Core.Tags;

public sealed class Tag
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public DateTime ModifiedAt { get; set; }
}

/// <summary>A slug a tag used to answer to (before a rename, or a merge into another tag); /tag/{old} redirects with a 301.</summary>
public sealed class TagRedirect
{
    public int Id { get; set; }
    public string OldSlug { get; set; } = "";
    public int TagId { get; set; }
    public DateTime CreatedAt { get; set; }
}
