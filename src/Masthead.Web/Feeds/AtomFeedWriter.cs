using System.Globalization;
using System.Xml;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Feeds;

/// <summary>Atom 1.0 (RFC 4287): one entry per story, with authors, credited contributors, categories and the picture.</summary>
public static class AtomFeedWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    public static byte[] Write(FeedChannel feed) => XmlOutput.Build(xml =>
    {
        xml.WriteStartElement("feed", AtomNs);
        xml.WriteAttributeString("xml", "lang", null, feed.Language);
        xml.WriteAttributeString("xmlns", "media", null, MediaRss.Namespace);

        Text(xml, "title", feed.Title);
        if (feed.Description.Length > 0) Text(xml, "subtitle", feed.Description);
        // The feed's own address is its identity: it never changes while the publication keeps its domain.
        xml.WriteElementString("id", AtomNs, feed.SelfUrl);
        Link(xml, "alternate", "text/html", feed.PageUrl);
        Link(xml, "self", FeedUrls.MediaType(FeedFormat.Atom), feed.SelfUrl);
        xml.WriteElementString("updated", AtomNs, XmlOutput.W3cDate(feed.Updated));
        // Entries without a byline inherit the publication as their author, which Atom requires of every entry.
        Person(xml, "author", feed.Publisher);
        xml.WriteStartElement("generator", AtomNs);
        xml.WriteString("Masthead");
        xml.WriteEndElement();
        if (feed.LogoUrl is not null) xml.WriteElementString("logo", AtomNs, feed.LogoUrl);

        foreach (var item in feed.Items) WriteEntry(xml, item);
        xml.WriteEndElement();
    });

    private static void WriteEntry(XmlWriter xml, FeedItem item)
    {
        xml.WriteStartElement("entry", AtomNs);
        Text(xml, "title", item.Title);
        xml.WriteElementString("id", AtomNs, item.Id);
        Link(xml, "alternate", "text/html", item.Url);
        xml.WriteElementString("published", AtomNs, XmlOutput.W3cDate(item.Published));
        xml.WriteElementString("updated", AtomNs, XmlOutput.W3cDate(item.Updated));
        foreach (var author in item.Authors) Person(xml, "author", author);
        foreach (var contributor in item.Contributors) Person(xml, "contributor", contributor);
        foreach (var category in item.Categories)
        {
            xml.WriteStartElement("category", AtomNs);
            xml.WriteAttributeString("term", XmlOutput.Clean(category.Term));
            xml.WriteAttributeString("scheme", category.Scheme);
            xml.WriteAttributeString("label", XmlOutput.Clean(category.Label));
            xml.WriteEndElement();
        }
        // A summary is required when there is no content; an empty standfirst falls back to the headline.
        if (item.Summary.Length > 0 || item.ContentHtml is null) Text(xml, "summary", item.Summary.Length > 0 ? item.Summary : item.Title);
        if (item.ContentHtml is not null)
        {
            xml.WriteStartElement("content", AtomNs);
            xml.WriteAttributeString("type", "html");
            xml.WriteString(XmlOutput.Clean(item.ContentHtml));
            xml.WriteEndElement();
        }
        if (item.Image is { } image)
        {
            xml.WriteStartElement("link", AtomNs);
            xml.WriteAttributeString("rel", "enclosure");
            xml.WriteAttributeString("type", image.MediaType);
            if (image.Length > 0) xml.WriteAttributeString("length", image.Length.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("href", image.Url);
            xml.WriteEndElement();
            MediaRss.WriteContent(xml, image);
        }
        xml.WriteEndElement();
    }

    private static void Person(XmlWriter xml, string element, FeedPerson person)
    {
        xml.WriteStartElement(element, AtomNs);
        xml.WriteElementString("name", AtomNs, XmlOutput.Clean(person.Name));
        if (person.Url is not null) xml.WriteElementString("uri", AtomNs, person.Url);
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name, AtomNs);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(XmlOutput.Clean(value));
        xml.WriteEndElement();
    }
}
