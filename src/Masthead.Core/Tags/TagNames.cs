using System.Text;

namespace Masthead.Core.Tags;

/// <summary>
/// A tag name as stored and compared: trimmed and in NFC, so "Café" typed on two keyboards (one "é", or "e" and a
/// combining accent) is one tag with one spelling, whether it is made in the tag list or by naming it on a story.
/// </summary>
public static class TagNames
{
    public static string Clean(string? name)
    {
        var trimmed = (name ?? "").Trim();
        try
        {
            return trimmed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; the name is still checked and stored as given.
            return trimmed;
        }
    }

    /// <summary>Why a new tag is refused when it looks the same as an existing one written in other letters.</summary>
    public static string Lookalike(string name, string existing) =>
        $"The tag \"{name}\" looks the same as the existing tag \"{existing}\" but is written in other letters; use \"{existing}\", or a name that reads differently.";
}
