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
    /// <summary>Too many failures for this email from this address: said the same whether the account exists or not.</summary>
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User = null);

/// <summary>
/// Checks an email and password, counting failures per email and client address (shared by every node): after
/// <see cref="MaxFailures"/> in a <see cref="LockoutDuration"/> window, that address may not try that email again until
/// the window ends. Counting per address means nobody can lock an editor out from elsewhere by guessing wrong on
/// purpose; counting unknown emails the same way means the lockout tells nobody which accounts exist. (Many addresses
/// guessing one account are slowed by the per-address limit on all sign-ins, <c>SignInAttemptsPerMinute</c>.)
/// </summary>
public sealed class SignInService(MastheadDbContext db, AccountService accounts, SharedRateLimits limits, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<SignInResult> SignInAsync(string? email, string? password, string client, CancellationToken ct)
    {
        var normalized = NulScrubber.Clean(email)?.Trim().ToLowerInvariant() ?? "";
        var now = time.UtcNow();
        var failures = $"sign-in-failures:{client}:{normalized}";
        if (await limits.CountAsync(failures, LockoutDuration, ct) >= MaxFailures)
        {
            MastheadMetrics.SignInFailed(lockedOut: true);
            return new SignInResult(SignInOutcome.LockedOut);
        }

        var user = normalized.Length == 0 ? null : await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        var known = user is not null && user.DeactivatedAt is null;
        // An unknown email costs the same hash check as a real one, so response times do not reveal which emails exist.
        var matches = accounts.VerifyPassword(known ? user! : new User { PasswordHash = DummyHash }, password ?? "");
        if (!known || !matches)
        {
            MastheadMetrics.SignInFailed(lockedOut: false);
            await limits.TryAcquireAsync(failures, MaxFailures, LockoutDuration, ct);
            if (known && await limits.CountAsync(failures, LockoutDuration, ct) == MaxFailures)
            {
                AuditTrail.Record(db, now, new Editor(user!.Id, user.Role, null, user.DisplayName), "was locked out", "user", user.Id,
                    detail: $"{MaxFailures} failed sign-ins from {client}");
                await db.SaveChangesAsync(ct);
            }
            return new SignInResult(SignInOutcome.Failed);
        }

        user!.LastSignInAt = now;
        AuditTrail.Record(db, now, new Editor(user.Id, user.Role, null, user.DisplayName), "signed in", "user", user.Id);
        await db.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.Success, user);
    }

    private static readonly string DummyHash = new Microsoft.AspNetCore.Identity.PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString());
}
