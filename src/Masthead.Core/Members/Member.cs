namespace Masthead.Core.Members;

public enum MemberStatus
{
    /// <summary>Signed up; has not followed the confirmation link yet, so is sent nothing else.</summary>
    Pending,
    /// <summary>Confirmed the address (or was imported with consent recorded).</summary>
    Active,
    /// <summary>Deleted their account: the row stays, emptied of anything personal, so the publication keeps a count.</summary>
    Deleted,
}

/// <summary>A reader who signed up with an email address: separate from newsroom users, with no password.</summary>
public sealed class Member
{
    public int Id { get; set; }
    /// <summary>Lowercased; null once the account is deleted.</summary>
    public string? Email { get; set; }
    public string? Name { get; set; }
    public MemberStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    /// <summary>How consent was given ("sign-up form", "imported"), kept as the record of it.</summary>
    public string ConsentSource { get; set; } = "";
    /// <summary>
    /// A random key in unsubscribe links: they must work without signing in and for as long as the email is kept, so
    /// they cannot expire like sign-in links. Replaced (and old links stop working) when the account is deleted.
    /// </summary>
    public string PublicKey { get; set; } = "";
    /// <summary>Changes when the member signs out everywhere or is deleted; a session cookie carrying another value is refused.</summary>
    public string SecurityStamp { get; set; } = "";
    /// <summary>
    /// Set when the address hard-bounced or its owner marked a newsletter as spam (through the mail provider's webhook):
    /// no newsletter goes to it again. Sign-in links still do, so the member can see why and fix the address.
    /// </summary>
    public DateTime? EmailStoppedAt { get; set; }
    /// <summary>Why, in words for the newsroom ("hard bounce: mailbox does not exist", "complaint").</summary>
    public string? EmailStoppedReason { get; set; }
    public List<NewsletterSubscription> Subscriptions { get; set; } = [];
    public List<MemberLabel> Labels { get; set; } = [];
}

/// <summary>A member receives a newsletter.</summary>
public sealed class NewsletterSubscription
{
    public int MemberId { get; set; }
    public int NewsletterId { get; set; }
    public DateTime SubscribedAt { get; set; }
}
