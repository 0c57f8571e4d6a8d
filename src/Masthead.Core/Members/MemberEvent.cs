namespace Masthead.Core.Members;

public enum MemberEventKind
{
    SignedUp,
    Imported,
    Confirmed,
    SignedIn,
    ChangedName,
    ChangedEmail,
    Subscribed,
    Unsubscribed,
    DownloadedData,
    Deleted,
    /// <summary>The address cannot receive mail (a permanent failure): newsletters stop.</summary>
    Bounced,
    /// <summary>A temporary failure (full mailbox, greylisting): recorded only.</summary>
    SoftBounced,
    /// <summary>The member marked a newsletter as spam: newsletters stop.</summary>
    Complained,
    /// <summary>Loaded a tracked newsletter's open pixel (first time per copy).</summary>
    Opened,
    /// <summary>Followed a link in a tracked newsletter (first time per copy).</summary>
    Clicked,
}

/// <summary>One line of a member's history, shown to editors and in the member's own data download.</summary>
public sealed class MemberEvent
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public DateTime At { get; set; }
    public MemberEventKind Kind { get; set; }
    /// <summary>What it concerned, e.g. the newsletter's name; never the member's address.</summary>
    public string? Detail { get; set; }
}
