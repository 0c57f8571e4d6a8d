namespace Masthead.Core.Articles;

/// <summary>
/// The range a schedule or embargo time must fall in. A year like 0001 or 9999 is a typing slip or a probe, not a
/// plan: an embargo that far off would hide a story for ever without anyone noticing, and one before 2000 holds
/// nothing back.
/// </summary>
public static class PlannedTime
{
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int MaxYearsAhead = 10;

    public static DateTime Latest(DateTime now) => now.AddYears(MaxYearsAhead);

    /// <summary>Null when <paramref name="utc"/> is within range, otherwise a message naming the time and the range.</summary>
    public static string? Problem(DateTime utc, DateTime now, string what)
    {
        var latest = Latest(now);
        if (utc >= Earliest && utc <= latest) return null;
        return $"The {what} {utc:yyyy-MM-dd HH:mm} UTC is out of range: give a time between {Earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd HH:mm} UTC (at most {MaxYearsAhead} years ahead).";
    }
}
