using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Core.Data;

/// <summary>
/// Removes NUL characters from every text value being saved. PostgreSQL refuses them in text outright (a 500 for
/// whoever typed one), SQLite keeps them and cuts strings at them in some functions, and no reader or writer ever
/// means one: so they go, on both databases, whatever path the text came by (forms, the API, imports).
/// </summary>
public sealed class NulScrubber : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Scrub(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Scrub(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Scrub(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
                if (property.CurrentValue is string text && text.Contains('\0'))
                    property.CurrentValue = text.Replace("\0", "", StringComparison.Ordinal);
        }
    }

    /// <summary>The same for text used to look something up (an email, a slug) before anything is saved.</summary>
    public static string? Clean(string? text) => text is not null && text.Contains('\0') ? text.Replace("\0", "", StringComparison.Ordinal) : text;
}
