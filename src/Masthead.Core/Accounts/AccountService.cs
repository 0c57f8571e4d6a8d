using System.Security.Cryptography;
using System.Text;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Accounts;

/// <summary>Users and their API tokens. Passwords are hashed with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed class AccountService(MastheadDbContext db, TimeProvider time)
{
    public const string FirstAdminEmail = "admin@masthead.local";
    private const string TokenPrefix = "mh_";
    private static readonly PasswordHasher<User> Hasher = new();

    public async Task<(string Email, string Password)?> EnsureFirstAdminAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct)) return null;
        var password = NewSecret(18);
        var result = await CreateUserAsync(FirstAdminEmail, "Administrator", Role.Admin, password, ct);
        return result.Outcome == Outcome.Created ? (FirstAdminEmail, password) : null;
    }

    public async Task<Result<User>> CreateUserAsync(string? email, string? displayName, Role role, string? password, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        email = email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length is 0 or > 320 || !email.Contains('@')) errors.Add("email", "Give a valid email address.");
        else if (await db.Users.AnyAsync(u => u.Email == email, ct)) errors.Add("email", $"A user with the email {email} already exists.");
        if (CheckPassword(password) is { } problem) errors.Add("password", problem);
        if (errors.Any) return Result<User>.Invalid(errors);

        var user = new User
        {
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            Role = role,
            CreatedAt = time.UtcNow(),
        };
        SetPassword(user, password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return Result<User>.Created(user);
    }

    public const int MinimumPasswordLength = 12;

    /// <summary>Length is what makes a password strong; no composition rules, which only make them harder to remember.</summary>
    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinimumPasswordLength ? $"A password must be at least {MinimumPasswordLength} characters long."
        : password.Length > 1000 ? "A password can be at most 1000 characters long."
        : null;

    /// <summary>Hashes the new password and changes the security stamp, which signs out every session using the old one.</summary>
    public void SetPassword(User user, string password)
    {
        user.PasswordHash = Hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public bool VerifyPassword(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Creates a token and returns its secret, which is shown once and never stored.</summary>
    public async Task<Result<string>> CreateTokenAsync(string? email, string? name, CancellationToken ct)
    {
        var normalized = email?.Trim().ToLowerInvariant() ?? "";
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null) return Result<string>.Invalid("email", $"There is no user with the email {email}.");
        var secret = TokenPrefix + NewSecret(32);
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id,
            Name = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim(),
            TokenHash = HashToken(secret),
            CreatedAt = time.UtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Result<string>.Created(secret);
    }

    /// <summary>An admin creates a named token for a person (themselves or a script's account); the secret is shown once.</summary>
    public async Task<Result<string>> CreateTokenForAsync(int? userId, string? name, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<string>.Forbidden("Only admins create API tokens.");
        var errors = new ValidationErrors();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) errors.Add("name", "Name the token after what will use it, e.g. \"publishing script\".");
        else if (trimmed.Length > 200) errors.Add("name", "The name can be at most 200 characters long.");
        var user = userId is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (user is null) errors.Add("user", "Choose whose rights the token carries.");
        else if (user.DeactivatedAt is not null) errors.Add("user", $"{user.DisplayName} is deactivated; reactivate them first.");
        if (errors.Any) return Result<string>.Invalid(errors);

        var secret = TokenPrefix + NewSecret(32);
        var now = time.UtcNow();
        var token = new ApiToken { UserId = user!.Id, Name = trimmed, TokenHash = HashToken(secret), CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        Activity.AuditTrail.Record(db, now, actor, "created an API token", "token", token.Id, detail: $"“{trimmed}” for {user.DisplayName} ({user.Role})");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<string>.Created(secret);
    }

    /// <summary>Revokes a token; the next request that uses it gets 401.</summary>
    public async Task<Result<ApiToken>> RevokeTokenAsync(int tokenId, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<ApiToken>.Forbidden("Only admins revoke API tokens.");
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null) return Result<ApiToken>.NotFound($"There is no API token with id {tokenId}.");
        if (token.RevokedAt is not null) return Result<ApiToken>.Ok(token);
        var now = time.UtcNow();
        token.RevokedAt = now;
        Activity.AuditTrail.Record(db, now, actor, "revoked an API token", "token", token.Id, detail: $"“{token.Name}” of {token.User.DisplayName}");
        await db.SaveChangesAsync(ct);
        return Result<ApiToken>.Ok(token);
    }

    /// <summary>Tokens are long random secrets, so an unsalted SHA-256 is enough and lets us look them up by hash.</summary>
    public static string HashToken(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');
}
