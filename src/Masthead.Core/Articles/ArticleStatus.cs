namespace Masthead.Core.Articles;

/// <summary>Where a story is in the newsroom's workflow. Stored by name, so new states may be added anywhere.</summary>
public enum ArticleStatus
{
    Draft,
    InReview,
    /// <summary>An editor sent it back to its writer with a comment.</summary>
    ChangesRequested,
    /// <summary>Reviewed and ready; waiting for someone with the right to schedule or publish it.</summary>
    Approved,
    Scheduled,
    Published,
    Unpublished,
}
