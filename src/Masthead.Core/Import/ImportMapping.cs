namespace Masthead.Core.Import;

/// <summary>
/// What an import made of a thing in the source: (system, site, kind, source id) → Masthead id. A re-run finds
/// its earlier work here and updates it in place instead of adding a duplicate.
/// </summary>
public sealed class ImportMapping
{
    public int Id { get; set; }
    /// <summary>"wordpress", "ghost" or "masthead".</summary>
    public string System { get; set; } = "";
    /// <summary>The source site's address (empty when the export does not say).</summary>
    public string Site { get; set; } = "";
    public ImportEntityKind Kind { get; set; }
    public string ExternalId { get; set; } = "";
    public int EntityId { get; set; }
    /// <summary>A hash of what was imported; an unchanged item is skipped on a re-run.</summary>
    public string Hash { get; set; } = "";
    public DateTime ImportedAt { get; set; }
}

/// <summary>
/// An address of the old site ("2022/04/25/slug", "?p=123", "tag/x"), answered with a 301 to where the thing
/// lives now. The target is looked up on each request, so later slug changes are followed.
/// </summary>
public sealed class LegacyUrl
{
    public int Id { get; set; }
    /// <summary>Lowercase, without leading or trailing slash; a query form keeps its "?".</summary>
    public string Path { get; set; } = "";
    public ImportEntityKind TargetKind { get; set; }
    public int TargetId { get; set; }
    public DateTime CreatedAt { get; set; }

    public const int MaxPath = 600;

    public static string Normalize(string path) => path.Trim().Trim('/').ToLowerInvariant();
}
