using System.Globalization;
using System.Xml;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Feeds;

/// <summary>
/// RSS 2.0 with the modules readers understand: atom:link for the feed's own address, content:encoded for the full
/// body, dc:creator for each byline (RSS's own &lt;author&gt; wants an email address) and media:content for the picture.
/// </summary>
public static class RssFeedWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    public static byte[] Write(FeedChannel feed) => XmlOutput.Build(xml =>
    {
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
        xml.WriteAttributeString("xmlns", "content", null, ContentNs);
        xml.WriteAttributeString("xmlns", "dc", null, DcNs);
        xml.WriteAttributeString("xmlns", "media", null, MediaRss.Namespace);
        xml.WriteStartElement("channel");

        Text(xml, "title", feed.Title);
        xml.WriteElementString("link", feed.PageUrl);
        PlainTextAsHtml(xml, "description", feed.Description);
        xml.WriteStartElement("atom", "link", AtomNs);
        xml.WriteAttributeString("href", feed.SelfUrl);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", FeedUrls.MediaType(FeedFormat.Rss));
        xml.WriteEndElement();
        xml.WriteElementString("language", feed.Language);
        xml.WriteElementString("lastBuildDate", XmlOutput.Rfc822Date(feed.Updated));
        xml.WriteElementString("generator", "Masthead");
        xml.WriteElementString("docs", "https://www.rssboard.org/rss-specification");
        if (feed.LogoUrl is not null)
        {
            // The validator expects the image's title and link to repeat the channel's.
            xml.WriteStartElement("image");
            xml.WriteElementString("url", feed.LogoUrl);
            Text(xml, "title", feed.Title);
            xml.WriteElementString("link", feed.PageUrl);
            xml.WriteEndElement();
        }

        foreach (var item in feed.Items) WriteItem(xml, item);

        xml.WriteEndElement();
        xml.WriteEndElement();
    });

    private static void WriteItem(XmlWriter xml, FeedItem item)
    {
        xml.WriteStartElement("item");
        Text(xml, "title", item.Title);
        xml.WriteElementString("link", item.Url);
        // The story's URL can change with its slug or section; the GUID must not, so it is not a permalink.
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(item.Id);
        xml.WriteEndElement();
        xml.WriteElementString("pubDate", XmlOutput.Rfc822Date(item.Published));
        foreach (var author in item.Authors) Text(xml, "dc", "creator", DcNs, author.Name);
        foreach (var contributor in item.Contributors) Text(xml, "dc", "contributor", DcNs, contributor.Name);
        foreach (var category in item.Categories)
        {
            xml.WriteStartElement("category");
            xml.WriteAttributeString("domain", category.Scheme);
            xml.WriteString(XmlOutput.Clean(category.Label));
            xml.WriteEndElement();
        }
        if (item.Summary.Length > 0) PlainTextAsHtml(xml, "description", item.Summary);
        if (item.ContentHtml is not null) Text(xml, "content", "encoded", ContentNs, item.ContentHtml);

        if (item.Image is { } image)
        {
            xml.WriteStartElement("enclosure");
            xml.WriteAttributeString("url", image.Url);
            xml.WriteAttributeString("length", image.Length.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("type", image.MediaType);
            xml.WriteEndElement();
            MediaRss.WriteContent(xml, image);
        }
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string value) => xml.WriteElementString(name, XmlOutput.Clean(value));

    /// <summary>
    /// RSS readers take a description as HTML, so plain text (a standfirst, a section's description) is HTML-escaped
    /// before the XML writer escapes it again: "&lt;img …&gt;" typed by a writer reaches readers as those characters.
    /// </summary>
    private static void PlainTextAsHtml(XmlWriter xml, string name, string value) =>
        xml.WriteElementString(name, System.Net.WebUtility.HtmlEncode(XmlOutput.Clean(value)));

    private static void Text(XmlWriter xml, string prefix, string name, string ns, string value) =>
        xml.WriteElementString(prefix, name, ns, XmlOutput.Clean(value));
}
