namespace Masthead.Core.Common;

public static class Clock
{
    /// <summary>Instants are stored as UTC <see cref="DateTime"/>: SQLite cannot order DateTimeOffset on the server.</summary>
    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
