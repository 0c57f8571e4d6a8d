namespace Masthead.Core.Accounts;

public sealed class User
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public Role Role { get; set; }
    public int? AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Failed sign-ins since the last success; reaching the limit locks the account for a while.</summary>
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? LastSignInAt { get; set; }
    /// <summary>Changes when the password does, so sessions signed in with the old one stop working.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    /// <summary>A deactivated user cannot sign in or use tokens, but their name stays on what they did.</summary>
    public DateTime? DeactivatedAt { get; set; }
    /// <summary>Emails about review steps (submitted, sent back, approved, published); each person may turn them off.</summary>
    public bool NotifyByEmail { get; set; } = true;
}

public enum AccountTokenPurpose
{
    PasswordReset,
    Invitation,
}

/// <summary>A one-time link: a password reset for a user, or an invitation to join with a role. Only its hash is stored.</summary>
public sealed class AccountToken
{
    public int Id { get; set; }
    public AccountTokenPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = "";
    public int? UserId { get; set; }
    /// <summary>For invitations: who is invited, and as what.</summary>
    public string? Email { get; set; }
    public Role Role { get; set; }
    public int? InvitedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>A bearer token for the admin API. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User User { get; set; } = null!;
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
