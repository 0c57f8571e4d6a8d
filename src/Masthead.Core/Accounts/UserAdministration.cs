using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Accounts;

/// <summary>
/// What admins do to other people's accounts: change their role, deactivate and reactivate them, and
/// withdraw invitations. Nobody is ever deleted, so their name stays on what they did. The publication always
/// keeps at least one active admin, so it can never lock itself out.
/// </summary>
public sealed class UserAdministration(MastheadDbContext db, TimeProvider time)
{
    private const string Refused = "Only admins manage people.";

    public async Task<Result<User>> ChangeRoleAsync(int userId, Role role, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<User>.Forbidden(Refused);
        if (!Enum.IsDefined(role)) return Result<User>.Invalid("role", "Choose contributor, author, editor or admin.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result<User>.NotFound($"There is no user with id {userId}.");
        if (user.Role == role) return Result<User>.Ok(user);
        if (user.Role == Role.Admin && role != Role.Admin && await IsLastActiveAdminAsync(user, ct))
            return Result<User>.Invalid("role", LastAdmin(user, actor, "given another role"));

        var before = user.Role;
        user.Role = role;
        AuditTrail.Record(db, time.UtcNow(), actor, "changed a role", "user", user.Id, detail: $"{user.DisplayName}: {before} → {role}");
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    /// <summary>An admin's "sign out everywhere": every session of the user ends on every node (API tokens stay).</summary>
    public async Task<Result<User>> SignOutEverywhereAsync(int userId, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<User>.Forbidden(Refused);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result<User>.NotFound($"There is no user with id {userId}.");
        var now = time.UtcNow();
        await EndSessionsAsync(user.Id, now, ct);
        AuditTrail.Record(db, now, actor, "signed out everywhere", "user", user.Id, detail: user.DisplayName);
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    private async Task EndSessionsAsync(int userId, DateTime now, CancellationToken ct)
    {
        foreach (var session in await db.SignInSessions.Where(x => x.UserId == userId && x.EndedAt == null).ToListAsync(ct)) session.EndedAt = now;
    }

    /// <summary>Links an account to the author profile it writes as (its default byline); admins only.</summary>
    public async Task<Result<User>> LinkAuthorAsync(int userId, string? authorSlug, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<User>.Forbidden(Refused);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result<User>.NotFound($"There is no user with id {userId}.");
        var slug = Slug.Normalize(authorSlug);
        var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (author is null) return Result<User>.Invalid("author", $"There is no author profile \"{authorSlug}\"; create it on the Authors page first.");
        if (user.AuthorId == author.Id) return Result<User>.Ok(user);
        user.AuthorId = author.Id;
        AuditTrail.Record(db, time.UtcNow(), actor, "linked an account to an author", "user", user.Id, detail: $"{user.DisplayName} writes as {author.Name}");
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    /// <summary>Ends every session and token of the user at once (both check <see cref="User.DeactivatedAt"/> on each request).</summary>
    public async Task<Result<User>> DeactivateAsync(int userId, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<User>.Forbidden(Refused);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result<User>.NotFound($"There is no user with id {userId}.");
        if (user.DeactivatedAt is not null) return Result<User>.Ok(user);
        if (user.Role == Role.Admin && await IsLastActiveAdminAsync(user, ct))
            return Result<User>.Invalid("user", LastAdmin(user, actor, "deactivated"));

        var now = time.UtcNow();
        user.DeactivatedAt = now;
        // For good: reactivating the account later must not bring back a session or a token that was live now.
        await EndSessionsAsync(user.Id, now, ct);
        foreach (var token in await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct)) token.RevokedAt = now;
        AuditTrail.Record(db, now, actor, "deactivated", "user", user.Id, detail: user.DisplayName);
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    public async Task<Result<User>> ReactivateAsync(int userId, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<User>.Forbidden(Refused);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Result<User>.NotFound($"There is no user with id {userId}.");
        if (user.DeactivatedAt is null) return Result<User>.Ok(user);
        user.DeactivatedAt = null;
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        AuditTrail.Record(db, time.UtcNow(), actor, "reactivated", "user", user.Id, detail: user.DisplayName);
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    /// <summary>Invitations not yet accepted, and not expired: the ones that still work.</summary>
    public Task<List<AccountToken>> PendingInvitationsAsync(CancellationToken ct)
    {
        var now = time.UtcNow();
        return db.AccountTokens.AsNoTracking()
            .Where(t => t.Purpose == AccountTokenPurpose.Invitation && t.UsedAt == null && t.ExpiresAt > now)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Withdraws an invitation: the link stops working at once.</summary>
    public async Task<Result<AccountToken>> RevokeInvitationAsync(int invitationId, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageUsers(actor.Role)) return Result<AccountToken>.Forbidden(Refused);
        var invitation = await db.AccountTokens.FirstOrDefaultAsync(t => t.Id == invitationId && t.Purpose == AccountTokenPurpose.Invitation, ct);
        if (invitation is null) return Result<AccountToken>.NotFound($"There is no invitation with id {invitationId}.");
        if (invitation.UsedAt is not null) return Result<AccountToken>.Invalid("invitation", $"{invitation.Email} has already accepted; deactivate their account instead.");
        db.AccountTokens.Remove(invitation);
        AuditTrail.Record(db, time.UtcNow(), actor, "revoked an invitation", "invitation", invitation.Id, detail: $"{invitation.Email} as {invitation.Role}");
        await db.SaveChangesAsync(ct);
        return Result<AccountToken>.Ok(invitation);
    }

    private async Task<bool> IsLastActiveAdminAsync(User user, CancellationToken ct) =>
        user.DeactivatedAt is null && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == Role.Admin && u.DeactivatedAt == null, ct);

    private static string LastAdmin(User user, Editor actor, string what) => user.Id == actor.UserId
        ? $"You are the only active admin, so you cannot be {what}: make someone else an admin first."
        : $"{user.DisplayName} is the only active admin, so they cannot be {what}: make someone else an admin first.";
}
