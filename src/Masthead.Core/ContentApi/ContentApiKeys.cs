using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>Creates and revokes Content API keys; the secret is returned once and never stored.</summary>
public sealed class ContentApiKeys(MastheadDbContext db, TimeProvider time)
{
    public const string Prefix = "mhc_";
    public const int NameLimit = 200;

    public async Task<Result<string>> CreateAsync(string? name, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageContentApiKeys(actor.Role)) return Result<string>.Forbidden("Only admins create Content API keys.");
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return Result<string>.Invalid("name", "Name the key after the app that will use it, e.g. \"iOS app\".");
        if (trimmed.Length > NameLimit) return Result<string>.Invalid("name", $"The name can be at most {NameLimit} characters long.");

        var secret = Prefix + AccountService.NewSecret(32);
        var now = time.UtcNow();
        var key = new ContentApiKey
        {
            Name = trimmed, KeyHash = AccountService.HashToken(secret), Hint = secret[..(Prefix.Length + 4)],
            CreatedAt = now, CreatedByUserId = actor.UserId > 0 ? actor.UserId : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ContentApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, now, actor, "created a Content API key", "content-key", key.Id, detail: $"“{trimmed}”");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<string>.Created(secret);
    }

    /// <summary>Revokes a key; the next request that uses it gets 401.</summary>
    public async Task<Result<ContentApiKey>> RevokeAsync(int id, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageContentApiKeys(actor.Role)) return Result<ContentApiKey>.Forbidden("Only admins revoke Content API keys.");
        var key = await db.ContentApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Result<ContentApiKey>.NotFound($"There is no Content API key with id {id}.");
        if (key.RevokedAt is not null) return Result<ContentApiKey>.Ok(key);
        var now = time.UtcNow();
        key.RevokedAt = now;
        AuditTrail.Record(db, now, actor, "revoked a Content API key", "content-key", key.Id, detail: $"“{key.Name}”");
        await db.SaveChangesAsync(ct);
        return Result<ContentApiKey>.Ok(key);
    }

    /// <summary>The id of the working key with this secret, or null.</summary>
    public Task<int?> FindAsync(string secret, CancellationToken ct)
    {
        var hash = AccountService.HashToken(secret);
        return db.ContentApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => (int?)k.Id).FirstOrDefaultAsync(ct);
    }
}
