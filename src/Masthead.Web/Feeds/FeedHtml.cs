using AngleSharp.Html.Parser;
using Masthead.Core.Body;

namespace Masthead.Web.Feeds;

/// <summary>
/// Turns a stored article body into the HTML a feed reader gets: sanitized again, with every address absolute (a
/// reader has no page to resolve "/media/…" or "#heading" against), and without pull quotes, which repeat the text
/// and lose their styling.
/// </summary>
public sealed class FeedHtml(BodyRenderer renderer)
{
    // The address attributes the sanitizer lets through (it drops srcset, so there is no candidate list to rewrite).
    private static readonly string[] UrlAttributes = ["href", "src", "poster", "cite"];

    public string ForFeed(string bodyHtml, string articleUrl)
    {
        var baseUri = new Uri(articleUrl, UriKind.Absolute);
        // Sanitize first: the sanitizer marks absolute links as external, which the site's own links are not.
        // A parser per call: this service is shared by concurrent requests.
        var document = new HtmlParser().ParseDocument("<body>" + renderer.Sanitize(bodyHtml) + "</body>");
        foreach (var pullQuote in document.QuerySelectorAll("aside.pullquote")) pullQuote.Remove();
        foreach (var attribute in UrlAttributes)
            foreach (var element in document.QuerySelectorAll($"[{attribute}]"))
                element.SetAttribute(attribute, Absolute(baseUri, element.GetAttribute(attribute)!));
        return document.Body!.InnerHtml.Trim();
    }

    private static string Absolute(Uri baseUri, string value) =>
        Uri.TryCreate(baseUri, value.Trim(), out var absolute) ? absolute.AbsoluteUri : value;
}
