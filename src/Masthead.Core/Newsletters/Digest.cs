namespace Masthead.Core.Newsletters;

/// <summary>
/// Several published stories sent together as one newsletter, with an editor's introduction. It leaves through the same
/// queue as a story sent as email: one <see cref="NewsletterSend"/> (its <see cref="NewsletterSend.DigestId"/>), so every
/// member gets it exactly once.
/// </summary>
public sealed class Digest
{
    public int Id { get; set; }
    public int NewsletterId { get; set; }
    public string Subject { get; set; } = "";
    /// <summary>Plain text; blank lines separate paragraphs.</summary>
    public string Intro { get; set; } = "";
    /// <summary>When it goes; null: as soon as a node picks it up.</summary>
    public DateTime? SendAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<DigestStory> Stories { get; set; } = [];
}

/// <summary>A story in a digest, in the editor's order.</summary>
public sealed class DigestStory
{
    public int DigestId { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
}
