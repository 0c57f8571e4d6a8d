using System.Text;

namespace Masthead.Core.Import;

/// <summary>One thing the report names: which item (kind and source id or title), which field, and what happened.</summary>
public sealed record ImportNote(string Item, string Field, string Message)
{
    public override string ToString() => $"{Item} · {Field}: {Message}";
}

/// <summary>
/// Everything an import did or would do: counts per kind, each place kept as HTML, each image left at its
/// external URL, each problem. Errors make the import fail as a whole; warnings are listed and the import goes on.
/// </summary>
public sealed class ImportReport
{
    private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);

    public bool DryRun { get; set; }
    public string Format { get; set; } = "";
    public List<ImportNote> Errors { get; } = [];
    public List<ImportNote> Warnings { get; } = [];
    public List<ImportNote> KeptAsHtml { get; } = [];
    /// <summary>Images that stay at their old address (no --media folder, or not found in it).</summary>
    public SortedSet<string> ExternalImages { get; } = new(StringComparer.Ordinal);
    public int MediaImported { get; set; }
    public int OldUrls { get; set; }

    public bool Failed => Errors.Count > 0;

    /// <summary>Per kind ("articles", "sections"…): how many were created, updated and found unchanged.</summary>
    public IReadOnlyDictionary<string, int[]> Counts => _counts;

    public void Error(string item, string field, string message) => Errors.Add(new ImportNote(item, field, message));
    public void Warn(string item, string field, string message) => Warnings.Add(new ImportNote(item, field, message));

    public void Count(string kind, ImportChange change)
    {
        if (!_counts.TryGetValue(kind, out var counts)) _counts[kind] = counts = new int[3];
        counts[(int)change]++;
    }

    public int Created(string kind) => _counts.GetValueOrDefault(kind)?[0] ?? 0;
    public int Updated(string kind) => _counts.GetValueOrDefault(kind)?[1] ?? 0;
    public int Unchanged(string kind) => _counts.GetValueOrDefault(kind)?[2] ?? 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Failed ? $"Import failed: nothing was changed ({Errors.Count} error{(Errors.Count == 1 ? "" : "s")})."
            : DryRun ? "Dry run: nothing was written. This is what the import would do:" : "Import complete.");
        foreach (var (kind, counts) in _counts.OrderBy(k => k.Key, StringComparer.Ordinal))
            text.AppendLine($"  {kind,-10} {counts[0],6} new, {counts[1],6} updated, {counts[2],6} unchanged");
        text.AppendLine($"  {"old URLs",-10} {OldUrls,6} redirected with 301");
        text.AppendLine($"  {"pictures",-10} {MediaImported,6} added to the media library");
        Section(text, "Errors", Errors.Select(e => e.ToString()));
        Section(text, "Warnings", Warnings.Select(e => e.ToString()));
        Section(text, "Kept as HTML (no equivalent in the body format)", KeptAsHtml.Select(e => e.ToString()));
        Section(text, "Images left at their external address", ExternalImages);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0) return;
        text.AppendLine().AppendLine($"{title} ({list.Count}):");
        foreach (var line in list) text.AppendLine($"  - {line}");
    }
}

public enum ImportChange
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>How far an import is: <see cref="Done"/> of <see cref="Total"/> items of the current <see cref="Phase"/>.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);
