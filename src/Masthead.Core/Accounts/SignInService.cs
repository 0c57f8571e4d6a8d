using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Accounts;

public enum SignInOutcome
{
    Success,
    /// <summary>Unknown email or wrong password: deliberately indistinguishable to the person signing in.</summary>
    Failed,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User = null, DateTime? LockedUntil = null);

/// <summary>
/// Checks an email and password, counting failures: after <see cref="MaxFailures"/> in a row the account is
/// locked for <see cref="LockoutDuration"/>, whatever address the attempts come from.
/// </summary>
public sealed class SignInService(MastheadDbContext db, AccountService accounts, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<SignInResult> SignInAsync(string? email, string? password, CancellationToken ct)
    {
        var normalized = email?.Trim().ToLowerInvariant() ?? "";
        var now = time.UtcNow();
        var user = normalized.Length == 0 ? null : await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        if (user is null || user.DeactivatedAt is not null)
        {
            // Spend the same effort as a real check, so response times do not reveal which emails exist.
            accounts.VerifyPassword(new User { PasswordHash = DummyHash }, password ?? "");
            return new SignInResult(SignInOutcome.Failed);
        }
        if (user.LockedUntil is { } until && until > now) return new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);

        if (!accounts.VerifyPassword(user, password ?? ""))
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailures)
            {
                user.LockedUntil = now + LockoutDuration;
                user.FailedSignIns = 0;
                AuditTrail.Record(db, now, new Editor(user.Id, user.Role, null, user.DisplayName), "was locked out", "user", user.Id,
                    detail: $"{MaxFailures} failed sign-ins in a row");
                await db.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.LockedOut, LockedUntil: user.LockedUntil);
            }
            await db.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Failed);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        AuditTrail.Record(db, now, new Editor(user.Id, user.Role, null, user.DisplayName), "signed in", "user", user.Id);
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.Success, user);
    }

    private static readonly string DummyHash = new Microsoft.AspNetCore.Identity.PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString());
}
