using System.Globalization;
using System.Xml;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Feeds;

/// <summary>Media RSS, read by most feed readers in RSS and Atom alike to show an entry's picture.</summary>
public static class MediaRss
{
    public const string Namespace = "http://search.yahoo.com/mrss/";

    /// <summary>
    /// Media RSS for the picture: unlike an enclosure it carries the size and the credit. The alt text is left out on
    /// purpose: feedparser, and the readers built on it, take media:description for the entry's text.
    /// </summary>
    public static void WriteContent(XmlWriter xml, FeedImage image)
    {
        xml.WriteStartElement("media", "content", Namespace);
        xml.WriteAttributeString("url", image.Url);
        xml.WriteAttributeString("type", image.MediaType);
        xml.WriteAttributeString("medium", "image");
        if (image.Length > 0) xml.WriteAttributeString("fileSize", image.Length.ToString(CultureInfo.InvariantCulture));
        if (image.Width is { } width) xml.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
        if (image.Height is { } height) xml.WriteAttributeString("height", height.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(image.Credit)) xml.WriteElementString("media", "credit", Namespace, XmlOutput.Clean(image.Credit));
        xml.WriteEndElement();
    }
}
