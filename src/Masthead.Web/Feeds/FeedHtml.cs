using AngleSharp.Html.Parser;
using Masthead.Core.Body;

namespace Masthead.Web.Feeds;

/// <summary>
/// Turns a stored article body into the HTML a feed reader gets: sanitized again, with absolute URLs (a reader has
/// no page to resolve "/media/…" against), and without pull quotes, which repeat the text and lose their styling.
/// </summary>
public sealed class FeedHtml(BodyRenderer renderer)
{
    private static readonly HtmlParser Parser = new();

    public string ForFeed(string bodyHtml, string baseUrl)
    {
        var document = Parser.ParseDocument("<body>" + bodyHtml + "</body>");
        foreach (var pullQuote in document.QuerySelectorAll("aside.pullquote")) pullQuote.Remove();
        foreach (var element in document.QuerySelectorAll("[srcset]"))
            element.SetAttribute("srcset", AbsoluteSrcset(element.GetAttribute("srcset")!, baseUrl));
        return renderer.SanitizeWithBase(document.Body!.InnerHtml, baseUrl + "/").Trim();
    }

    // srcset is a list of "url width" candidates, which the sanitizer does not rewrite.
    private static string AbsoluteSrcset(string srcset, string baseUrl) => string.Join(", ", srcset
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(candidate => candidate.StartsWith('/') && !candidate.StartsWith("//", StringComparison.Ordinal) ? baseUrl + candidate : candidate));
}
