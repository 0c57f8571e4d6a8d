using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Data;

/// <summary>
/// A save refused because another took the same unique value a moment earlier (a slug, a tag, an email): the check
/// before it passed, the other commit landed in between. Recognised on both databases.
/// </summary>
public static class UniqueViolation
{
    public static bool Is(Exception e) => e is DbUpdateException { InnerException: { } inner } && (
        inner is DbException { SqlState: "23505" } // PostgreSQL's unique_violation
        || inner.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal)); // SQLite's
}
