namespace Masthead.Core.Revisions;

/// <summary>A story as it stood after one save: who saved it, when, and every editable field (as JSON).</summary>
public sealed class ArticleRevision
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The article's version number right after this save.</summary>
    public int Version { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>An <see cref="ArticleSnapshot"/> serialized as JSON.</summary>
    public string Snapshot { get; set; } = "";
}
