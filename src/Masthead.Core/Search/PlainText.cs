using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Masthead.Core.Search;

/// <summary>The words of a rendered body without its markup (and without promo blocks), for the search index and its snippets.</summary>
public static class PlainText
{
    private static readonly HtmlParser Parser = new();

    // Elements after which the words of the next one must not run into the last word of this one.
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption",
        "table", "tr", "td", "th", "pre", "section", "aside", "hr", "dt", "dd",
    };

    public static string FromHtml(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var document = Parser.ParseDocument("<body>" + html);
        var text = new StringBuilder(html.Length);
        Append(document.Body!, text);
        return Collapse(text.ToString());
    }

    /// <summary>
    /// The opening words of a rendered body, at most <paramref name="limit"/> characters, cut at a word and marked
    /// with an ellipsis when cut: a meta description for a page that has no summary of its own.
    /// </summary>
    public static string Opening(string html, int limit = 160)
    {
        var text = FromHtml(html);
        if (text.Length <= limit) return text;
        var cut = text.LastIndexOf(' ', limit - 1);
        return text[..(cut > limit / 2 ? cut : limit - 1)].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement e when e.LocalName is "script" or "style" or "template":
                    break;
                // A promo is the publication's own advertising, not the story: kept out of its words, search and description.
                case IElement e when e.LocalName == "aside" && e.ClassList.Contains("promo"):
                    text.Append('\n');
                    break;
                case IElement e:
                    Append(e, text);
                    if (Blocks.Contains(e.LocalName)) text.Append('\n');
                    break;
            }
        }
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = builder.Length > 0; continue; }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
