namespace Masthead.Core.Authors;

public sealed class Author
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Bio { get; set; }
    public string? PhotoUrl { get; set; }
    public List<string> Links { get; set; } = [];
    public DateTime ModifiedAt { get; set; }
}
