using Masthead.Core.Revisions;

namespace Masthead.Core.Articles;

/// <summary>Where a story's pending changes stand: still being written, waiting for an editor, or sent back.</summary>
public enum PendingState
{
    Editing,
    InReview,
    ChangesRequested,
}

/// <summary>
/// The working copy of a story whose text readers see or an editor approved (published, approved or scheduled):
/// edits land here, never on the live row, until someone allowed to publish the story makes them live. One per
/// story. Readers, feeds, the scheduler and webhooks only ever read the article itself.
/// </summary>
public sealed class PendingChange
{
    public int ArticleId { get; set; }
    /// <summary>The whole story as the working copy has it: an <see cref="ArticleSnapshot"/> as JSON.</summary>
    public string Snapshot { get; set; } = "";
    public PendingState State { get; set; }
    /// <summary>The article's version when the working copy was started, to tell whether the live story moved on since.</summary>
    public int BaseVersion { get; set; }
    /// <summary>Optimistic concurrency token of the working copy itself (the live article's version does not move).</summary>
    public int Version { get; set; } = 1;
    public DateTime StartedAt { get; set; }
    public int? StartedByUserId { get; set; }
    public DateTime SavedAt { get; set; }
    public int? SavedByUserId { get; set; }
    public string SavedByName { get; set; } = "";

    public ArticleSnapshot Content => ArticleSnapshot.FromJson(Snapshot);
}
