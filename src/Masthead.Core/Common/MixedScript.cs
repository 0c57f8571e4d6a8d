using System.Globalization;
using System.Text;

namespace Masthead.Core.Common;

/// <summary>
/// Finds words that mix Latin letters with Cyrillic or Greek ones, the usual way to make a lookalike: "pаypal" with
/// a Cyrillic "а", or "Тrans" with a Cyrillic "Т", reads as the Latin word but is another name and another slug.
/// </summary>
/// <remarks>
/// Covered: one word (a run of letters, digits and marks, so hyphens and spaces separate words) that holds letters
/// of two of the three scripts Latin, Cyrillic and Greek. A whole word in one script that looks like a word in another
/// ("рау" all Cyrillic) is <see cref="Lookalikes"/>' part, refused when it clashes with an existing slug or tag. Not
/// covered: lookalikes within one script or from other scripts (Armenian, Cherokee, fullwidth forms), and digits that
/// look like letters.
/// Words in other scripts, alone or next to Latin ones ("tokyo-東京"), are left alone.
/// </remarks>
public static class MixedScript
{
    private enum Script { Other, Latin, Cyrillic, Greek }

    /// <summary>The first word of <paramref name="text"/> that mixes scripts, or null when there is none.</summary>
    public static string? FindMixedWord(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var normal = text.Normalize(NormalizationForm.FormC);
        var start = 0;
        var seen = Script.Other;
        var mixed = false;
        for (var i = 0; i <= normal.Length; i++)
        {
            if (i == normal.Length || !IsWordPart(normal[i]))
            {
                if (mixed) return normal[start..i];
                start = i + 1;
                seen = Script.Other;
                continue;
            }
            var script = Of(normal[i]);
            if (script == Script.Other) continue;
            if (seen == Script.Other) seen = script;
            else if (seen != script) mixed = true;
        }
        return null;
    }

    /// <summary>A message for a field whose value has such a word, or null.</summary>
    public static string? Problem(string? text, string what) => FindMixedWord(text) is { } word
        ? $"The {what} \"{word}\" mixes Latin letters with Cyrillic or Greek ones that look alike; type it in one alphabet."
        : null;

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    // By Unicode block; only letters count, so marks and digits never decide a word's script.
    private static Script Of(char c)
    {
        if (!char.IsLetter(c)) return Script.Other;
        return c switch
        {
            <= '\u024F' => Script.Latin, // Basic Latin to Latin Extended-B (no letters below U+0041)
            >= '\u0250' and <= '\u02AF' => Script.Latin, // IPA extensions
            >= '\u1D00' and <= '\u1DBF' => Script.Latin, // phonetic extensions
            >= '\u1E00' and <= '\u1EFF' => Script.Latin, // Latin Extended Additional
            >= '\u2C60' and <= '\u2C7F' => Script.Latin, // Latin Extended-C
            >= '\uA720' and <= '\uA7FF' => Script.Latin, // Latin Extended-D
            >= '\uAB30' and <= '\uAB6F' => Script.Latin, // Latin Extended-E
            >= '\u0370' and <= '\u03FF' => Script.Greek,
            >= '\u1F00' and <= '\u1FFF' => Script.Greek, // Greek Extended
            >= '\u0400' and <= '\u052F' => Script.Cyrillic, // Cyrillic and its supplement
            >= '\u1C80' and <= '\u1C8F' => Script.Cyrillic, // Extended-C
            >= '\u2DE0' and <= '\u2DFF' => Script.Cyrillic, // Extended-A
            >= '\uA640' and <= '\uA69F' => Script.Cyrillic, // Extended-B
            _ => Script.Other,
        };
    }
}
