namespace Masthead.Core.Members;

public enum MemberTokenPurpose
{
    Confirm,
    SignIn,
    /// <summary>Confirms a new address for an existing member; sent to the new address.</summary>
    ChangeEmail,
}

/// <summary>A one-time link sent to a member. Only the secret's hash is stored; it works once, until it expires.</summary>
public sealed class MemberToken
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public MemberTokenPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    /// <summary>For <see cref="MemberTokenPurpose.ChangeEmail"/>: the address that becomes the member's when the link is followed.</summary>
    public string? NewEmail { get; set; }
}
