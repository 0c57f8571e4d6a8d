using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masthead.Core.Search;

namespace Masthead.Core.Articles;

/// <summary>
/// The free part of a members-only story: its first <see cref="Blocks"/> top-level elements (paragraphs, headings,
/// figures…). Everything the public sees of such a story — page, feeds, Content API, search — is cut here, so they
/// all agree on where the members' part begins.
/// </summary>
public static class Teaser
{
    public const int Blocks = 2;
    private static readonly HtmlParser Parser = new();

    /// <summary>The body split in two: what everyone reads, and the rest (empty for a body of <see cref="Blocks"/> blocks or fewer).</summary>
    public static (string Free, string MembersOnly) Split(string bodyHtml)
    {
        if (string.IsNullOrWhiteSpace(bodyHtml)) return ("", "");
        var body = Parser.ParseDocument("<body>" + bodyHtml).Body!;
        var free = new System.Text.StringBuilder();
        var rest = new System.Text.StringBuilder();
        var seen = 0;
        foreach (var node in body.ChildNodes)
        {
            // Whitespace and comments between blocks go with the part they follow; an element counts as a block.
            if (node is IElement) seen++;
            var html = node switch
            {
                IElement e => e.OuterHtml,
                IText t => t.Data.Trim().Length == 0 ? t.Data : System.Net.WebUtility.HtmlEncode(t.Data),
                _ => "",
            };
            (seen <= Blocks ? free : rest).Append(html);
        }
        return (free.ToString().Trim(), rest.ToString().Trim());
    }

    /// <summary>The body as the public may read it.</summary>
    public static string PublicHtml(string bodyHtml, StoryAccess access) => access == StoryAccess.Members ? Split(bodyHtml).Free : bodyHtml;

    /// <summary>
    /// The words kept in <see cref="Article.BodyText"/>, which the search index and its snippets read: for a members-only
    /// story only the teaser's, so no search answer ever quotes (or matches on) the members' part.
    /// </summary>
    public static string SearchableText(string bodyHtml, StoryAccess access) => PlainText.FromHtml(PublicHtml(bodyHtml, access));
}
