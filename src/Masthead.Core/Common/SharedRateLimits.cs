using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Common;

/// <summary>Counts attempts per key per window in one atomic upsert (the same SQL on SQLite and PostgreSQL).</summary>
public sealed class SharedRateLimits(MastheadDbContext db, TimeProvider time)
{
    private const string Upsert = """
        INSERT INTO "RateLimitCounters" ("Key", "WindowStart", "Count") VALUES ({0}, {1}, 1)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN "RateLimitCounters"."WindowStart" = excluded."WindowStart" THEN "RateLimitCounters"."Count" + 1 ELSE 1 END,
            "WindowStart" = excluded."WindowStart"
        RETURNING "Count" AS "Value"
        """;

    /// <summary>How many attempts the key has made in the current window, without counting one.</summary>
    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - now.Ticks % window.Ticks, DateTimeKind.Utc);
        var stored = key.Length > 200 ? key[..200] : key;
        return await db.Set<RateLimitCounter>().Where(c => c.Key == stored && c.WindowStart == start).Select(c => c.Count).FirstOrDefaultAsync(ct);
    }

    /// <summary>Counts one attempt; true while the key has made at most <paramref name="limit"/> in the current window.</summary>
    public async Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - now.Ticks % window.Ticks, DateTimeKind.Utc);
        var counted = (await db.Database.SqlQueryRaw<int>(Upsert, key.Length > 200 ? key[..200] : key, start).ToListAsync(ct)).Single();
        // Now and then, forget windows long gone.
        if (Random.Shared.Next(100) == 0)
            await db.Set<RateLimitCounter>().Where(c => c.WindowStart < now.AddHours(-1)).ExecuteDeleteAsync(ct);
        return counted <= limit;
    }
}
