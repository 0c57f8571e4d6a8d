namespace Masthead.Web.PublicSite.LiveBlogs;

/// <summary>One entry as readers see it.</summary>
public sealed record LiveEntryModel(int Id, string Html, string Text, bool IsKeyEvent, DateTime PublishedAt, DateTime UpdatedAt, AuthorLink? Author)
{
    public string Anchor => $"entry-{Id}";
}

/// <summary>A story's live coverage: when it ran, and its entries newest first.</summary>
public sealed record LiveBlogModel(int ArticleId, DateTime StartedAt, DateTime? EndedAt, IReadOnlyList<LiveEntryModel> Entries)
{
    public bool IsLive => EndedAt is null;

    /// <summary>The document readers' pages poll for entries newer than the ones they hold.</summary>
    public string UpdatesPath => LiveUpdatesEndpoint.PathFor(ArticleId);

    public DateTime? LastEntryChange => Entries.Count == 0 ? null : Entries.Max(e => e.UpdatedAt);
}

/// <summary>The entries a reader's page has not shown yet, for the update document.</summary>
public sealed record LiveUpdatesModel(string ArticleUrl, bool IsLive, IReadOnlyList<LiveEntryModel> Entries);
