namespace Masthead.Core.Search;

/// <summary>
/// The full-text index of published stories, one implementation per database (SQLite FTS5, PostgreSQL tsvector).
/// The index itself is kept current by database triggers (see <see cref="SearchSchema"/>), inside the same
/// transaction as every publish, edit, unpublish and delete, so nothing here needs telling about changes.
/// </summary>
public interface ISearchIndex
{
    /// <summary>One page of matching published stories, best first, with highlighted headline and snippet.</summary>
    Task<SearchMatches> SearchAsync(SearchTerms terms, SearchFilters filters, int page, int pageSize, CancellationToken ct);

    /// <summary>Recomputes every story's plain text and rebuilds the index from scratch; returns how many stories it holds.</summary>
    Task<int> RebuildAsync(CancellationToken ct);

    /// <summary>
    /// For a bulk write inside the caller's transaction (an import): the index stops following each row change, where it
    /// would otherwise write a story's entry again with each of its tags, bylines and sections, until
    /// <see cref="ResumeAsync"/>. A transaction rolled back in between leaves the index following changes as before.
    /// </summary>
    Task PauseAsync(CancellationToken ct);

    /// <summary>In the same transaction: follows row changes again, and writes the entries of the stories written meanwhile once each.</summary>
    Task ResumeAsync(IReadOnlyCollection<int> writtenArticleIds, CancellationToken ct);
}

/// <summary>Sections (already expanded to their sub-sections), an author, a tag, and a publication window [from, before).</summary>
public sealed record SearchFilters(
    IReadOnlyCollection<int>? SectionIds = null, int? AuthorId = null, int? TagId = null,
    DateTime? PublishedFrom = null, DateTime? PublishedBefore = null);

/// <summary>A page of hits and how many there are in all; <paramref name="MoreThanTotal"/> when the count stopped at its limit.</summary>
public sealed record SearchMatches(IReadOnlyList<SearchHit> Hits, int Total, bool MoreThanTotal);

/// <summary>A match: its score (higher is better) and safe HTML for the headline and a snippet, hits in &lt;mark&gt;.</summary>
public sealed record SearchHit(int ArticleId, double Score, string HeadlineHtml, string SnippetHtml);
