namespace Masthead.Core.Tags;

public sealed class Tag
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public DateTime ModifiedAt { get; set; }
}
