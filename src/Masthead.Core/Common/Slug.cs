using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Masthead.Core.Common;

/// <summary>URL-safe identifiers made from human text: "Film & TV" becomes "film-tv".</summary>
public static partial class Slug
{
    public const int MaxLength = 120;

    public static string From(string text)
    {
        var normalized = text.Replace("&", " and ", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue; // drop accents: "café" → "cafe"
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        // Stored slugs are NFC, as browsers send them: FormD above split Hangul and other syllables into parts.
        var slug = Dashes().Replace(Nfc(builder.ToString()), "-").Trim('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug.Length == 0 ? "untitled" : slug;
    }

    /// <summary>
    /// Lowercase letters and digits in hyphen-separated words, in NFC, with no word mixing Latin with Cyrillic or
    /// Greek letters (see <see cref="MixedScript"/>): "pаypal-news" with a Cyrillic "а" is not a second paypal-news.
    /// </summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && ValidPattern().IsMatch(slug)
        && Nfc(slug) == slug && MixedScript.FindMixedWord(slug) is null;

    /// <summary>Why <paramref name="slug"/> is refused, for the "slug" field (call it once <see cref="IsValid"/> said no).</summary>
    public static string Explain(string slug) =>
        MixedScript.Problem(slug, "slug")
        ?? $"\"{slug}\" is not a valid slug: use lowercase letters, digits and single hyphens, at most {MaxLength} characters.";

    /// <summary>
    /// A slug as typed or taken from an address, trimmed and in NFC, to compare with stored slugs: "café" arrives
    /// as one "é" from one browser and as "e" plus an accent from another.
    /// </summary>
    public static string Normalize(string? slug) => Nfc((slug ?? "").Trim());

    // Text with a lone surrogate cannot be normalised; it matches no slug either way.
    private static string Nfc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Nd}]+(-[\p{Ll}\p{Lo}\p{Nd}]+)*$")]
    private static partial Regex ValidPattern();
}
