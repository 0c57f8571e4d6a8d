using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace Masthead.Tests.Support;

/// <summary>
/// The W3C Feed Validation Service's rules that can be checked offline, for RSS 2.0 and Atom 1.0: required elements,
/// date formats, a self link that matches the feed's address, unique ids, absolute URLs in links, enclosures and in the
/// HTML of summaries and content, and no script in that HTML. Returns each broken rule as a sentence.
/// </summary>
public static partial class FeedRules
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly HtmlParser Html = new();

    public static IReadOnlyList<string> CheckRss(byte[] feed, string selfUrl)
    {
        var problems = new List<string>();
        var doc = XDocument.Load(new MemoryStream(feed));
        var rss = doc.Root!;
        Require(problems, rss.Name == "rss" && (string?)rss.Attribute("version") == "2.0", "root must be <rss version=\"2.0\">");
        var channel = rss.Element("channel");
        if (channel is null) return [.. problems, "missing <channel>"];
        foreach (var name in new[] { "title", "link", "description" })
            Require(problems, !string.IsNullOrWhiteSpace((string?)channel.Element(name)), $"channel is missing <{name}>");
        Require(problems, IsAbsolute((string?)channel.Element("link")), "channel <link> must be an absolute URL");
        var self = channel.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "self");
        Require(problems, self is not null, "missing atom:link rel=\"self\"");
        Require(problems, self is null || (string?)self.Attribute("href") == selfUrl, $"self link {(string?)self?.Attribute("href")} does not match the feed's address {selfUrl}");
        Require(problems, self is null || (string?)self.Attribute("type") == "application/rss+xml", "self link must have type application/rss+xml");
        if (channel.Element("language") is { } language) Require(problems, LanguageTag().IsMatch(language.Value), $"bad language {language.Value}");
        foreach (var date in channel.Elements("lastBuildDate").Concat(channel.Elements("pubDate")))
            Require(problems, IsRfc822(date.Value), $"channel date is not RFC 822: {date.Value}");
        if (channel.Element("image") is { } image)
        {
            Require(problems, (string?)image.Element("title") == (string?)channel.Element("title"), "image title must match the channel title");
            Require(problems, (string?)image.Element("link") == (string?)channel.Element("link"), "image link must match the channel link");
            Require(problems, IsAbsolute((string?)image.Element("url")), "image url must be absolute");
        }

        var guids = new HashSet<string>();
        foreach (var item in channel.Elements("item"))
        {
            var title = (string?)item.Element("title") ?? "(untitled)";
            Require(problems, item.Element("title") is not null || item.Element("description") is not null, "item needs a title or a description");
            Require(problems, IsAbsolute((string?)item.Element("link")), $"{title}: link must be absolute");
            var guid = item.Element("guid");
            Require(problems, guid is not null, $"{title}: missing guid");
            if (guid is not null)
            {
                Require(problems, guids.Add(guid.Value), $"{title}: guid {guid.Value} is not unique");
                Require(problems, (string?)guid.Attribute("isPermaLink") == "false" || IsAbsolute(guid.Value), $"{title}: a permalink guid must be an absolute URL");
            }
            Require(problems, item.Element("pubDate") is { } pub && IsRfc822(pub.Value), $"{title}: pubDate missing or not RFC 822");
            Require(problems, item.Elements("author").All(a => a.Value.Contains('@')), $"{title}: <author> must hold an email address (use dc:creator)");
            var enclosures = item.Elements("enclosure").ToList();
            Require(problems, enclosures.Count <= 1, $"{title}: more than one enclosure");
            foreach (var enclosure in enclosures)
            {
                Require(problems, IsAbsolute((string?)enclosure.Attribute("url")), $"{title}: enclosure url must be absolute");
                Require(problems, long.TryParse((string?)enclosure.Attribute("length"), out var length) && length >= 0, $"{title}: enclosure length must be a number of bytes");
                Require(problems, ((string?)enclosure.Attribute("type"))?.Contains('/') == true, $"{title}: enclosure needs a MIME type");
            }
            foreach (var media in item.Elements(Media + "content"))
                Require(problems, IsAbsolute((string?)media.Attribute("url")), $"{title}: media:content url must be absolute");
            CheckHtml(problems, title, (string?)item.Element("description"));
            CheckHtml(problems, title, (string?)item.Element(Content + "encoded"));
        }
        return problems;
    }

    public static IReadOnlyList<string> CheckAtom(byte[] feed, string selfUrl)
    {
        var problems = new List<string>();
        var doc = XDocument.Load(new MemoryStream(feed));
        var root = doc.Root!;
        Require(problems, root.Name == Atom + "feed", "root must be atom:feed");
        foreach (var name in new[] { "id", "title", "updated" })
            Require(problems, root.Element(Atom + name) is not null, $"feed is missing <{name}>");
        Require(problems, IsAbsolute((string?)root.Element(Atom + "id")), "feed id must be an absolute IRI");
        Require(problems, IsRfc3339((string?)root.Element(Atom + "updated")), "feed updated is not RFC 3339");
        var self = root.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "self");
        Require(problems, self is not null && (string?)self.Attribute("href") == selfUrl, $"self link does not match the feed's address {selfUrl}");
        Require(problems, root.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") == "alternate" && IsAbsolute((string?)l.Attribute("href"))), "feed has no absolute alternate link");
        var lang = (string?)root.Attribute(XNamespace.Xml + "lang");
        Require(problems, lang is null || LanguageTag().IsMatch(lang), $"bad xml:lang {lang}");
        var feedHasAuthor = root.Elements(Atom + "author").Any();
        foreach (var person in root.Descendants().Where(e => e.Name == Atom + "author" || e.Name == Atom + "contributor"))
        {
            Require(problems, !string.IsNullOrWhiteSpace((string?)person.Element(Atom + "name")), "a person construct needs a name");
            Require(problems, person.Element(Atom + "uri") is not { } uri || IsAbsolute(uri.Value), "a person's uri must be absolute");
        }

        var ids = new HashSet<string>();
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            var title = (string?)entry.Element(Atom + "title") ?? "(untitled)";
            foreach (var name in new[] { "id", "title", "updated" })
                Require(problems, entry.Element(Atom + name) is not null, $"{title}: entry is missing <{name}>");
            var id = (string?)entry.Element(Atom + "id") ?? "";
            Require(problems, ids.Add(id), $"{title}: id {id} is not unique");
            Require(problems, IsAbsolute(id), $"{title}: id must be an absolute IRI");
            var updated = (string?)entry.Element(Atom + "updated");
            var published = (string?)entry.Element(Atom + "published");
            Require(problems, IsRfc3339(updated), $"{title}: updated is not RFC 3339");
            Require(problems, published is null || IsRfc3339(published), $"{title}: published is not RFC 3339");
            if (IsRfc3339(updated) && published is not null && IsRfc3339(published))
                Require(problems, DateTimeOffset.Parse(updated!, CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(published, CultureInfo.InvariantCulture), $"{title}: updated is earlier than published");
            Require(problems, feedHasAuthor || entry.Elements(Atom + "author").Any(), $"{title}: entry has no author and the feed has none to inherit");
            Require(problems, entry.Elements(Atom + "link").Any(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate" && IsAbsolute((string?)l.Attribute("href"))), $"{title}: no absolute alternate link");
            var content = entry.Element(Atom + "content");
            Require(problems, content is not null || entry.Element(Atom + "summary") is not null, $"{title}: an entry without content needs a summary");
            if (content is not null)
            {
                var type = (string?)content.Attribute("type") ?? "text";
                Require(problems, type is "text" or "html" or "xhtml", $"{title}: unexpected content type {type}");
                if (type == "html") CheckHtml(problems, title, content.Value);
            }
            foreach (var category in entry.Elements(Atom + "category"))
            {
                Require(problems, !string.IsNullOrWhiteSpace((string?)category.Attribute("term")), $"{title}: category without a term");
                Require(problems, category.Attribute("scheme") is not { } scheme || IsAbsolute(scheme.Value), $"{title}: category scheme must be an absolute IRI");
            }
            foreach (var enclosure in entry.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "enclosure"))
                Require(problems, IsAbsolute((string?)enclosure.Attribute("href")) && enclosure.Attribute("type") is not null, $"{title}: enclosure link needs an absolute href and a type");
        }
        return problems;
    }

    /// <summary>Links and pictures in feed HTML must be absolute (a reader has no page to resolve them against), and no script.</summary>
    private static void CheckHtml(List<string> problems, string title, string? html)
    {
        if (string.IsNullOrEmpty(html)) return;
        var doc = Html.ParseDocument(html);
        foreach (var (element, attribute) in new[] { ("a", "href"), ("img", "src"), ("source", "src"), ("video", "poster") })
            foreach (var node in doc.QuerySelectorAll($"{element}[{attribute}]"))
            {
                var value = node.GetAttribute(attribute)!;
                Require(problems, IsAbsolute(value) || value.StartsWith('#') || value.StartsWith("mailto:", StringComparison.Ordinal), $"{title}: relative URL {value} in HTML");
            }
        Require(problems, doc.QuerySelector("script, iframe, object, embed, form, style") is null, $"{title}: HTML carries script, frames, forms or styles");
        Require(problems, !doc.All.Any(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))), $"{title}: HTML carries event handler attributes");
    }

    private static void Require(List<string> problems, bool condition, string problem)
    {
        if (!condition) problems.Add(problem);
    }

    private static bool IsAbsolute(string? value) => value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tag" or "urn";

    /// <summary>RFC 822 with a four-digit year, and a day of the week that matches the date.</summary>
    private static bool IsRfc822(string value) =>
        Rfc822().IsMatch(value)
        && DateTime.TryParseExact(value[5..25], "dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.ToString("ddd", CultureInfo.InvariantCulture) == value[..3];

    private static bool IsRfc3339(string? value) => value is not null && Rfc3339().IsMatch(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$")]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
