using System.Collections.Frozen;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Common;

/// <summary>
/// Whole-word lookalikes: a slug or tag written entirely in Cyrillic or Greek letters that reads as a Latin one ("сосоа"
/// in Cyrillic is "cocoa" to the eye, "Тгапѕ" is "Trans"). <see cref="MixedScript"/> catches words that mix alphabets;
/// this catches the ones that do not, by comparing skeletons in the manner of Unicode TR39: each letter that looks like
/// a Latin one is replaced by it, so two texts that look the same have the same skeleton. Only a clash with something
/// that already exists is refused; a Cyrillic or Greek slug with no Latin twin is an ordinary slug.
/// </summary>
/// <remarks>
/// The table is deliberately small: the Cyrillic and Greek letters that pass for Latin ones in ordinary fonts, in lower
/// case (slugs are lower case; a capital such as Cyrillic "Т" is compared through its small letter). TR39's full table
/// also covers mathematical letters, fullwidth forms and other scripts; .NET has no TR39 implementation and the NuGet
/// feed offers none that is maintained, and those other forms are already out of slugs (NFC, letters only) or rare.
/// </remarks>
public static class Lookalikes
{
    private static readonly FrozenDictionary<char, char> ToLatin = new Dictionary<char, char>
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['ь'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['һ'] = 'h', ['н'] = 'h', ['і'] = 'i',
        ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['п'] = 'n', ['о'] = 'o', ['р'] = 'p', ['ԛ'] = 'q', ['г'] = 'r',
        ['ѕ'] = 's', ['т'] = 't', ['ԝ'] = 'w', ['х'] = 'x', ['у'] = 'y', ['ү'] = 'y',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['μ'] = 'm', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ζ'] = 'z',
    }.ToFrozenDictionary();

    private static readonly FrozenSet<char> HaveTwins = ToLatin.Values.ToFrozenSet();

    /// <summary>The text in lower case with every lookalike letter replaced by the Latin letter it passes for.</summary>
    public static string Skeleton(string text)
    {
        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower) builder.Append(ToLatin.GetValueOrDefault(c, c));
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="skeleton"/> has any letter that another alphabet can imitate.</summary>
    private static bool Imitable(string skeleton) => skeleton.Any(HaveTwins.Contains);

    /// <summary>
    /// The existing slug among <paramref name="slugs"/> that looks the same as <paramref name="slug"/> but is not it, or
    /// null. The database narrows by length and by the characters no other alphabet imitates (a LIKE pattern with "_"
    /// at every imitable letter); the skeletons are compared here.
    /// </summary>
    public static async Task<string?> FindTwinAsync(IQueryable<string> slugs, string slug, CancellationToken ct)
    {
        var skeleton = Skeleton(slug);
        if (!Imitable(skeleton)) return null;
        // Slugs hold letters, digits and hyphens only, so nothing in the pattern needs escaping.
        var pattern = string.Concat(skeleton.Select(c => HaveTwins.Contains(c) ? '_' : c));
        var near = await slugs.Where(s => s != slug && EF.Functions.Like(s, pattern)).ToListAsync(ct);
        return near.FirstOrDefault(s => Skeleton(s) == skeleton);
    }
}
