namespace Masthead.Core.Newsletters;

/// <summary>A list members choose to receive, e.g. "The Quire Daily"; admins define them in the newsroom.</summary>
public sealed class Newsletter
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string SenderName { get; set; } = "";
    public string SenderEmail { get; set; } = "";
    public string? ReplyTo { get; set; }
    /// <summary>New members receive it unless they say otherwise.</summary>
    public bool DefaultForNewMembers { get; set; }
    /// <summary>Stories in these sections are offered for it when they are published.</summary>
    public List<NewsletterSection> Sections { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    /// <summary>Archived newsletters are no longer offered to members or editors; their history stays.</summary>
    public DateTime? ArchivedAt { get; set; }
}

public sealed class NewsletterSection
{
    public int NewsletterId { get; set; }
    public int SectionId { get; set; }
}
