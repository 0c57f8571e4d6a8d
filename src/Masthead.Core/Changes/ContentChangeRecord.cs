using Masthead.Core.Common;

namespace Masthead.Core.Changes;

/// <summary>
/// One committed change readers can see, written by the same SaveChanges (and so the same transaction) as the change
/// itself. Every node reads these rows to evict its page cache and reload its site model; one node at a time claims
/// each row to purge the caches in front (Varnish, a CDN) until they all accept.
/// </summary>
public sealed class ContentChangeRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Ids as comma-separated lists: small, readable in psql, and the same on both databases.</summary>
    public string ArticleIds { get; set; } = "";
    public string SectionIds { get; set; } = "";
    public string AuthorIds { get; set; } = "";
    public string TagIds { get; set; } = "";
    /// <summary>Something that may show on every page (navigation, a section, an author's name, settings, a picture).</summary>
    public bool Everything { get; set; }

    /// <summary>When every configured cache in front accepted the purge; null while some have not (or none is configured).</summary>
    public DateTime? PurgedAt { get; set; }
    /// <summary>A node sending the purge holds the row until then; another takes over after it, should that node die.</summary>
    public DateTime? PurgeClaimedUntil { get; set; }
    public int PurgeAttempts { get; set; }
    /// <summary>
    /// Purges sent and accepted so far. Each change is purged twice: at once, and again once every node has surely
    /// evicted its own copy, since a cache that refilled from a node still catching up would otherwise keep that.
    /// </summary>
    public int PurgeRounds { get; set; }
    public DateTime? PurgeNextAttemptAt { get; set; }

    public static ContentChangeRecord From(ContentChange change, DateTime at) => new()
    {
        At = at,
        ArticleIds = Join(change.ArticleIds), SectionIds = Join(change.SectionIds),
        AuthorIds = Join(change.AuthorIds), TagIds = Join(change.TagIds), Everything = change.IsEverything,
    };

    public ContentChange ToChange() => Everything ? ContentChange.Everything
        : new ContentChange(Split(ArticleIds), Split(SectionIds), Split(AuthorIds), Split(TagIds));

    private static string Join(IEnumerable<int> ids) => string.Join(',', ids.Distinct().Order());

    private static int[] Split(string ids) =>
        ids.Length == 0 ? [] : ids.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
