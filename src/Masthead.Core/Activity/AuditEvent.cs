namespace Masthead.Core.Activity;

/// <summary>
/// One thing someone did in the newsroom: "Sam Reyes requested changes on article 12". The story's activity
/// log is the events with its <see cref="ArticleId"/>; the site-wide audit log is all of them.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Null for the system (scheduler, command line, demo loader).</summary>
    public int? UserId { get; set; }
    /// <summary>The actor's name when it happened, so the log still reads well after a user is renamed or removed.</summary>
    public string UserName { get; set; } = "";
    /// <summary>A past-tense verb phrase: "published", "requested changes", "signed in".</summary>
    public string Action { get; set; } = "";
    /// <summary>What was acted on: "article", "section", "user", "settings"…</summary>
    public string EntityType { get; set; } = "";
    public int? EntityId { get; set; }
    public int? ArticleId { get; set; }
    /// <summary>A headline, name or the reviewer's comment.</summary>
    public string? Detail { get; set; }
}
