using System.Xml;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Sitemaps;

/// <summary>One &lt;url&gt; of a sitemap. URLs are absolute; the picture and the news block are optional extensions.</summary>
public sealed record SitemapUrl(string Url, DateTime? LastModified, string? ImageUrl = null, SitemapNews? News = null);

/// <summary>The Google News block: which publication, in which language, when, and the headline.</summary>
public sealed record SitemapNews(string PublicationName, string Language, DateTime PublishedAt, string Title);

/// <summary>One file listed in the sitemap index.</summary>
public sealed record SitemapFile(string Url, DateTime? LastModified);

/// <summary>Writes sitemaps.org 0.9 url sets and indexes, with Google's Image 1.1 and News 0.9 extensions.</summary>
public static class SitemapXml
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string ImageNamespace = "http://www.google.com/schemas/sitemap-image/1.1";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    public static byte[] Index(IEnumerable<SitemapFile> files) => XmlOutput.Build(xml =>
    {
        xml.WriteStartElement("sitemapindex", Namespace);
        foreach (var file in files)
        {
            xml.WriteStartElement("sitemap", Namespace);
            xml.WriteElementString("loc", Namespace, file.Url);
            if (file.LastModified is { } lastModified) xml.WriteElementString("lastmod", Namespace, XmlOutput.W3cDate(lastModified));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    public static byte[] UrlSet(IEnumerable<SitemapUrl> urls) => XmlOutput.Build(xml =>
    {
        xml.WriteStartElement("urlset", Namespace);
        xml.WriteAttributeString("xmlns", "image", null, ImageNamespace);
        xml.WriteAttributeString("xmlns", "news", null, NewsNamespace);
        foreach (var url in urls)
        {
            xml.WriteStartElement("url", Namespace);
            xml.WriteElementString("loc", Namespace, url.Url);
            if (url.LastModified is { } lastModified) xml.WriteElementString("lastmod", Namespace, XmlOutput.W3cDate(lastModified));
            if (url.News is { } news) WriteNews(xml, news);
            if (url.ImageUrl is not null)
            {
                xml.WriteStartElement("image", "image", ImageNamespace);
                xml.WriteElementString("image", "loc", ImageNamespace, url.ImageUrl);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static void WriteNews(XmlWriter xml, SitemapNews news)
    {
        xml.WriteStartElement("news", "news", NewsNamespace);
        xml.WriteStartElement("news", "publication", NewsNamespace);
        xml.WriteElementString("news", "name", NewsNamespace, XmlOutput.Clean(news.PublicationName));
        xml.WriteElementString("news", "language", NewsNamespace, news.Language);
        xml.WriteEndElement();
        xml.WriteElementString("news", "publication_date", NewsNamespace, XmlOutput.W3cDate(news.PublishedAt));
        xml.WriteElementString("news", "title", NewsNamespace, XmlOutput.Clean(news.Title));
        xml.WriteEndElement();
    }

    /// <summary>
    /// Google News wants an ISO 639 code ("en" for en-GB), except for Chinese, where it tells simplified (zh-cn) from
    /// traditional (zh-tw).
    /// </summary>
    public static string NewsLanguage(string language)
    {
        var parts = language.ToLowerInvariant().Split('-', '_');
        if (parts[0] != "zh") return parts[0];
        return parts.Skip(1).Any(p => p is "hant" or "tw" or "hk" or "mo") ? "zh-tw" : "zh-cn";
    }
}
