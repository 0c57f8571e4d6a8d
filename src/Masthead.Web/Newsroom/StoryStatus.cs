using System.Globalization;
using Masthead.Core.Articles;

namespace Masthead.Web.Newsroom;

/// <summary>How the newsroom words a story's state and times.</summary>
public static class StoryStatus
{
    public static string Label(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Draft",
        ArticleStatus.InReview => "In review",
        ArticleStatus.ChangesRequested => "Changes requested",
        ArticleStatus.Approved => "Approved",
        ArticleStatus.Scheduled => "Scheduled",
        ArticleStatus.Published => "Published",
        ArticleStatus.Unpublished => "Unpublished",
        _ => status.ToString(),
    };

    /// <summary>A time as the publication's clocks show it, e.g. "25 Nov 2026, 14:05".</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A stored UTC time for a &lt;time datetime&gt; attribute, in whole seconds: HTML allows at most three digits of a
    /// second, and round-trip format ("O") wrote seven, which the validator refuses.
    /// </summary>
    public static string Machine(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
