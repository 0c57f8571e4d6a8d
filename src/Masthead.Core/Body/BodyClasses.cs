using System.Text.RegularExpressions;

namespace Masthead.Core.Body;

/// <summary>
/// The class names a body may carry: those Masthead's own Markdown extensions write (quotes, pull quotes, figures,
/// embeds) and Markdig's "language-…" on code blocks. Anything else a writer types is dropped, so a body cannot
/// borrow the site's classes to dress up as its header, navigation or notices.
/// </summary>
public static partial class BodyClasses
{
    private static readonly HashSet<string> Known = new(
        [
            "quote", "quote__source", "pullquote", "figure", "caption", "credit",
            "embed", "embed--invalid", "embed--post", "embed--video",
            "embed__text", "embed__source", "embed__author", "embed__date", "embed__link", "embed__poster",
            "promo", "promo__label", "promo__picture", "promo__title", "promo__link", "promo__text",
            .. EmbedProvider.Keys.Select(key => "embed--" + key),
        ], StringComparer.Ordinal);

    public static bool IsAllowed(string name) => Known.Contains(name) || CodeLanguage().IsMatch(name);

    /// <summary>Keeps the allowed names of an element's class attribute, and removes the attribute when none are left.</summary>
    public static void Filter(AngleSharp.Dom.IElement element)
    {
        if (element.GetAttribute("class") is not { } value) return;
        var kept = value.Split((char[])[' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries).Where(IsAllowed).Distinct().ToList();
        if (kept.Count == 0) element.RemoveAttribute("class");
        else element.SetAttribute("class", string.Join(' ', kept));
    }

    [GeneratedRegex("^language-[a-z0-9+#_-]{1,40}$")]
    private static partial Regex CodeLanguage();
}
