namespace Masthead.Core.Newsletters;

public enum SendState
{
    /// <summary>Asked for with a story that is not live yet (goes when the story does), or a digest whose time has not come.</summary>
    Waiting,
    /// <summary>The story is live: recipients are being listed and sent to.</summary>
    Sending,
    Sent,
    /// <summary>The story was unpublished or deleted before it went out (for a digest: all its stories were).</summary>
    Cancelled,
}

/// <summary>
/// One story, or one digest, sent as one newsletter: a row in the database queue that any node may claim (ClaimedUntil) and resume.
/// Recipients are listed once, when sending starts, so members who join later are not added halfway.
/// </summary>
public sealed class NewsletterSend
{
    public int Id { get; set; }
    public int NewsletterId { get; set; }
    /// <summary>The story sent as email; null for a digest.</summary>
    public int? ArticleId { get; set; }
    /// <summary>The digest sent; null for a single story.</summary>
    public int? DigestId { get; set; }
    public SendState State { get; set; }
    public DateTime RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public bool RecipientsListed { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public int Total { get; set; }
    public int SentCount { get; set; }
    public int FailedCount { get; set; }
    /// <summary>
    /// Set when recipients are listed, from the publication's setting then: the whole send is tracked or none of it.
    /// The key signs its open and click links; it never leaves the database, which every node shares.
    /// </summary>
    public string? TrackingKey { get; set; }
}

public enum RecipientState
{
    Pending,
    /// <summary>Handed to the mail server, not yet recorded as accepted. Never retried: after a crash it may have gone.</summary>
    Sending,
    Sent,
    Failed,
}

/// <summary>One member's copy of one send; the unique (send, member) pair is what stops a second copy.</summary>
public sealed class NewsletterRecipient
{
    public long Id { get; set; }
    public int SendId { get; set; }
    public int MemberId { get; set; }
    public RecipientState State { get; set; }
    public DateTime? SentAt { get; set; }
    public string? Error { get; set; }
    /// <summary>When the open pixel was first loaded (a tracked send only).</summary>
    public DateTime? OpenedAt { get; set; }
    /// <summary>When a link in the copy was first followed (a tracked send only).</summary>
    public DateTime? ClickedAt { get; set; }
}

/// <summary>
/// A link that was in a tracked send's email. The click redirect only ever sends a reader to one of these, and only for
/// a copy of the same send: it cannot be made to redirect anywhere else.
/// </summary>
public sealed class NewsletterLink
{
    public long Id { get; set; }
    public int SendId { get; set; }
    public string Url { get; set; } = "";
}
