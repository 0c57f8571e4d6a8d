namespace Masthead.Core.Notifications;

/// <summary>What happened to a story that someone in the newsroom is told of by email.</summary>
public enum ReviewNoticeKind
{
    /// <summary>A story (or its pending changes) was sent for review: editors and admins are told.</summary>
    Submitted,
    /// <summary>An editor sent it back with a comment: its writer is told.</summary>
    ChangesRequested,
    Approved,
    Published,
}

/// <summary>
/// An email owed to one person about one workflow step, written in the same transaction as the step (so a step that
/// rolls back owes nothing) and sent afterwards by whichever node claims it.
/// </summary>
public sealed class ReviewNotice
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public int ArticleId { get; set; }
    public ReviewNoticeKind Kind { get; set; }
    /// <summary>Who did it, as the audit log names them.</summary>
    public string ActorName { get; set; } = "";
    /// <summary>The editor's comment, when the step had one.</summary>
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>A node working on it until then; another may take it over after.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
}
