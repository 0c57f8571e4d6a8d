using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Accounts;

/// <summary>
/// One-time links: password resets and invitations. The secret goes into the link and is never stored;
/// a link works once, and not after it expires.
/// </summary>
public sealed class AccountLinks(MastheadDbContext db, AccountService accounts, TimeProvider time)
{
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Returns the secret for the reset link, or null for an unknown email (the caller must not reveal which).</summary>
    public async Task<string?> CreatePasswordResetAsync(string? email, CancellationToken ct)
    {
        var normalized = NulScrubber.Clean(email)?.Trim().ToLowerInvariant() ?? "";
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized && u.DeactivatedAt == null, ct);
        if (user is null) return null;
        var secret = AccountService.NewSecret(24);
        var now = time.UtcNow();
        db.AccountTokens.Add(new AccountToken
        {
            Purpose = AccountTokenPurpose.PasswordReset, TokenHash = AccountService.HashToken(secret), UserId = user.Id,
            Role = user.Role, CreatedAt = now, ExpiresAt = now + ResetLifetime,
        });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>
    /// Sets the new password, which ends every session of the user (the password's security stamp changes). Their API
    /// tokens stay unless <paramref name="revokeTokens"/>: a reset is often just a forgotten password, and revoking
    /// would stop every script that uses them, so it is the person's explicit choice on the reset page.
    /// </summary>
    public async Task<Result<User>> ResetPasswordAsync(string? secret, string? newPassword, bool revokeTokens, CancellationToken ct)
    {
        var token = await FindUsableAsync(secret, AccountTokenPurpose.PasswordReset, ct);
        if (token is null) return Result<User>.Invalid("token", "This reset link is not valid any more: it was used already or it expired. Ask for a new one.");
        var user = await db.Users.FirstAsync(u => u.Id == token.UserId, ct);
        var error = AccountService.CheckPassword(newPassword);
        if (error is not null) return Result<User>.Invalid("password", error);

        var now = time.UtcNow();
        accounts.SetPassword(user, newPassword!);
        user.LockedUntil = null;
        user.FailedSignIns = 0;
        token.UsedAt = now;
        var revoked = 0;
        if (revokeTokens)
            foreach (var apiToken in await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct))
            {
                apiToken.RevokedAt = now;
                revoked++;
            }
        AuditTrail.Record(db, now, new Editor(user.Id, user.Role, null, user.DisplayName), "reset their password", "user", user.Id,
            detail: revokeTokens ? $"and revoked their API tokens ({revoked})" : null);
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    public async Task<Result<string>> InviteAsync(string? email, Role role, Editor invitedBy, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(invitedBy.Role)) return Result<string>.Forbidden("Only admins invite people.");
        var normalized = NulScrubber.Clean(email)?.Trim().ToLowerInvariant() ?? "";
        if (normalized.Length is 0 or > 320 || !normalized.Contains('@')) return Result<string>.Invalid("email", "Give a valid email address.");
        if (await db.Users.AnyAsync(u => u.Email == normalized, ct)) return Result<string>.Invalid("email", $"{normalized} already has an account.");

        var now = time.UtcNow();
        // One open invitation per address: inviting again replaces the earlier link (lost, or sent with the wrong role).
        var open = await db.AccountTokens
            .Where(t => t.Purpose == AccountTokenPurpose.Invitation && t.Email == normalized && t.UsedAt == null && t.ExpiresAt > now).ToListAsync(ct);
        db.AccountTokens.RemoveRange(open);
        var secret = AccountService.NewSecret(24);
        db.AccountTokens.Add(new AccountToken
        {
            Purpose = AccountTokenPurpose.Invitation, TokenHash = AccountService.HashToken(secret), Email = normalized, Role = role,
            InvitedByUserId = invitedBy.UserId > 0 ? invitedBy.UserId : null, CreatedAt = now, ExpiresAt = now + InvitationLifetime,
        });
        AuditTrail.Record(db, now, invitedBy, open.Count > 0 ? "invited again" : "invited", "user", null, detail: $"{normalized} as {role}");
        await db.SaveChangesAsync(ct);
        return open.Count > 0
            ? new Result<string>(Outcome.Created, secret, Message: "The earlier invitation's link no longer works.")
            : Result<string>.Created(secret);
    }

    public async Task<AccountToken?> FindInvitationAsync(string? secret, CancellationToken ct) =>
        await FindUsableAsync(secret, AccountTokenPurpose.Invitation, ct);

    public async Task<Result<User>> AcceptInvitationAsync(string? secret, string? displayName, string? password, CancellationToken ct)
    {
        var invitation = await FindUsableAsync(secret, AccountTokenPurpose.Invitation, ct);
        if (invitation is null) return Result<User>.Invalid("token", "This invitation is not valid any more: it was used already or it expired. Ask for a new one.");
        if (string.IsNullOrWhiteSpace(displayName)) return Result<User>.Invalid("displayName", "Give the name colleagues know you by.");
        var created = await accounts.CreateUserAsync(invitation.Email, displayName, invitation.Role, password, ct);
        if (created.Value is not { } user) return created;
        invitation.UsedAt = time.UtcNow();
        AuditTrail.Record(db, invitation.UsedAt.Value, new Editor(user.Id, user.Role, null, user.DisplayName), "joined", "user", user.Id, detail: user.Role.ToString());
        await db.SaveChangesAsync(ct);
        return created;
    }

    private async Task<AccountToken?> FindUsableAsync(string? secret, AccountTokenPurpose purpose, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200) return null;
        var hash = AccountService.HashToken(secret.Trim());
        var now = time.UtcNow();
        return await db.AccountTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt > now, ct);
    }
}
