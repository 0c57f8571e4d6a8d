namespace Masthead.Core.Common;

/// <summary>
/// A fixed-window counter kept in the database, so a limit holds across every node (three nodes must not mean three
/// times the attempts). One row per key; a new window resets the count.
/// </summary>
public sealed class RateLimitCounter
{
    public string Key { get; set; } = "";
    public DateTime WindowStart { get; set; }
    public int Count { get; set; }
}
