namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// The story editor's search-result and social-card previews, in characters: search engines cut by width, and these
/// are about what fits. seo-preview.js repeats the same wording as the fields change; the server's copy is for a
/// page without script and for the first look.
/// </summary>
public static class SeoPreview
{
    public const int TitleFits = 60;
    public const int DescriptionFits = 155;
    public const int CardDescriptionFits = 110;

    /// <summary>"48 characters; about 60 fit in a search result." and what is used while the field is empty.</summary>
    public static string Count(string text, int fits, string what, bool usingFallback)
    {
        var length = text.Trim().Length;
        var fit = length <= fits ? $"about {fits} fit in a search result" : $"about {fits} fit in a search result, so the end will be cut";
        var source = !usingFallback ? "" : what == "title" ? " Left empty, the headline is used." : " Left empty, the standfirst is used.";
        return $"{length} characters; {fit}.{source}";
    }

    /// <summary>The text as a search result or card would show it: cut at a word before <paramref name="fits"/>, with an ellipsis.</summary>
    public static string Cut(string text, int fits)
    {
        text = text.Trim();
        if (text.Length <= fits) return text;
        var cut = text[..fits];
        var space = cut.LastIndexOf(' ');
        return (space > fits / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':', '.') + "…";
    }
}
