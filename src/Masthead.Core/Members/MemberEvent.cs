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
