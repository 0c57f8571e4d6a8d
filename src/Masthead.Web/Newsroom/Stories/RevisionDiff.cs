using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Masthead.Core.Articles;
using Masthead.Core.Revisions;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// What changed between two revisions of a story: each field side by side, and the body as a line diff.
/// Line diffing is DiffPlex's (a maintained, MIT-licensed Myers diff); long unchanged stretches fold away.
/// </summary>
public static class RevisionDiff
{
    public enum LineKind { Same, Added, Removed, Folded }

    /// <summary>A line of the body diff; for <see cref="LineKind.Folded"/>, <see cref="Count"/> unchanged lines left out.</summary>
    public sealed record Line(LineKind Kind, string Text, int Count = 1);

    public sealed record Field(string Name, string Before, string After)
    {
        public bool Changed => Before != After;
    }

    /// <summary>Unchanged lines kept around each change, so it can be read in context.</summary>
    public const int Context = 2;

    public static IReadOnlyList<Field> Fields(ArticleSnapshot a, ArticleSnapshot b) =>
    [
        new("Headline", a.Headline, b.Headline),
        new("Slug", a.Slug, b.Slug),
        new("Standfirst", a.Standfirst, b.Standfirst),
        new("Section", a.Section, b.Section),
        new("Also in", Join(a.AlsoIn), Join(b.AlsoIn)),
        new("Bylines", Join(a.Bylines), Join(b.Bylines)),
        new("Credits", Join(a.Credits.Select(Credit)), Join(b.Credits.Select(Credit))),
        new("Tags", Join(a.Tags), Join(b.Tags)),
        new("Hero image", Hero(a.HeroImage), Hero(b.HeroImage)),
        new("SEO title", a.SeoTitle ?? "", b.SeoTitle ?? ""),
        new("SEO description", a.SeoDescription ?? "", b.SeoDescription ?? ""),
        new("Who can read it", a.Access ?? StoryAccessNames.Public, b.Access ?? StoryAccessNames.Public),
    ];

    public static IReadOnlyList<Line> Body(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(Normalize(before), Normalize(after), ignoreWhiteSpace: false);
        var lines = model.Lines
            .Where(l => l.Type != ChangeType.Imaginary)
            .Select(l => new Line(l.Type switch
            {
                ChangeType.Inserted => LineKind.Added,
                ChangeType.Deleted => LineKind.Removed,
                _ => LineKind.Same,
            }, l.Text ?? ""))
            .ToList();
        return Fold(lines);
    }

    private static List<Line> Fold(List<Line> lines)
    {
        var folded = new List<Line>(lines.Count);
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind != LineKind.Same) { folded.Add(lines[i++]); continue; }
            var start = i;
            while (i < lines.Count && lines[i].Kind == LineKind.Same) i++;
            var run = lines.GetRange(start, i - start);
            var keepBefore = start == 0 ? 0 : Context;        // after a change
            var keepAfter = i == lines.Count ? 0 : Context;   // before a change
            if (run.Count <= keepBefore + keepAfter + 1) { folded.AddRange(run); continue; }
            folded.AddRange(run.Take(keepBefore));
            folded.Add(new Line(LineKind.Folded, "", run.Count - keepBefore - keepAfter));
            folded.AddRange(run.Skip(run.Count - keepAfter));
        }
        return folded;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    private static string Credit(CreditInput c) => $"{c.Role}: {c.Name}{(c.Author is null ? "" : $" ({c.Author})")}";

    private static string Hero(HeroImageInput? h) => h is null || string.IsNullOrWhiteSpace(h.Url) ? ""
        : $"{h.Url} (alt: {h.Alt}; caption: {h.Caption}; credit: {h.Credit})";
}
