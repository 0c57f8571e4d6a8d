using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Masthead.Core.Import.WordPress;

/// <summary>
/// Reads a WordPress eXtended RSS file (WXR 1.1 and 1.2, from Tools › Export) with <see cref="XmlReader"/>,
/// never holding more than one item. The first pass keeps authors, categories, tags, Co-Authors Plus guest
/// authors and attachments (for featured images and galleries); the second yields posts and pages.
/// </summary>
public sealed partial class WxrSource(string path) : IImportSource
{
    private const string Wp12 = "http://wordpress.org/export/1.2/";
    private const string Wp11 = "http://wordpress.org/export/1.1/";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private readonly Dictionary<string, Attachment> _attachments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _authorIdByLogin = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _authorIdByTermSlug = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _categoryIdByNicename = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _tagIdBySlug = new(StringComparer.OrdinalIgnoreCase);
    private string _siteTitle = "";

    public string System => "wordpress";
    public string Site { get; private set; } = "";

    private sealed record Attachment(string Url, string? Alt, string? Caption);

    private sealed class Item
    {
        public string Title = "", Link = "", Creator = "", Guid = "", Content = "", Excerpt = "", Id = "", Name = "",
            Status = "", Type = "", Date = "", DateGmt = "", Modified = "", ModifiedGmt = "", AttachmentUrl = "";
        public readonly List<(string Domain, string Nicename, string Text)> Categories = [];
        public readonly Dictionary<string, string> Meta = new(StringComparer.Ordinal);
        public int Line;
    }

    public ImportCatalog ReadCatalog(ImportReport report)
    {
        var catalog = new ImportCatalog();
        var categories = new List<(string Id, string Nicename, string? Parent, string Name, string? Description)>();
        var sawVersion = false;
        Read(report, (reader, name) =>
        {
            switch (name)
            {
                case "wxr_version":
                    var version = reader.ReadElementContentAsString().Trim();
                    if (version is not ("1.0" or "1.1" or "1.2"))
                    {
                        report.Error("file", "wp:wxr_version", $"WXR version \"{version}\" is not one this importer reads (1.1 or 1.2).");
                        throw new ImportFailedException(report.Errors[^1].ToString());
                    }
                    sawVersion = true;
                    return true;
                case "base_site_url":
                    Site = reader.ReadElementContentAsString().Trim().TrimEnd('/');
                    return true;
                case "author":
                    var author = Fields(reader);
                    var login = author.GetValueOrDefault("author_login", "");
                    var display = author.GetValueOrDefault("author_display_name") is { Length: > 0 } d ? d : login;
                    var id = "user:" + login;
                    _authorIdByLogin[login] = id;
                    catalog.Authors.Add(new ImportAuthor(id, display, Slug(login)));
                    catalog.OldPaths.Add(new ImportOldPath($"author/{Slug(login)}", ImportEntityKind.Author, id));
                    return true;
                case "category":
                    var category = Fields(reader);
                    var nicename = category.GetValueOrDefault("category_nicename", "");
                    categories.Add(("category:" + nicename, nicename, category.GetValueOrDefault("category_parent") is { Length: > 0 } p ? p : null,
                        category.GetValueOrDefault("cat_name") is { Length: > 0 } n ? n : nicename, category.GetValueOrDefault("category_description")));
                    _categoryIdByNicename[nicename] = "category:" + nicename;
                    return true;
                case "tag":
                    var tag = Fields(reader);
                    var tagSlug = tag.GetValueOrDefault("tag_slug", "");
                    _tagIdBySlug[tagSlug] = "tag:" + tagSlug;
                    catalog.Tags.Add(new ImportTag("tag:" + tagSlug, tag.GetValueOrDefault("tag_name") is { Length: > 0 } tn ? tn : tagSlug, Slug(tagSlug)));
                    catalog.OldPaths.Add(new ImportOldPath($"tag/{Slug(tagSlug)}", ImportEntityKind.Tag, "tag:" + tagSlug));
                    return true;
                case "term":
                    var term = Fields(reader);
                    // Co-Authors Plus keeps bylines as terms of its "author" taxonomy, slugged "cap-{login}".
                    if (term.GetValueOrDefault("term_taxonomy") == "author")
                    {
                        var termSlug = term.GetValueOrDefault("term_slug", "");
                        var termLogin = termSlug.StartsWith("cap-", StringComparison.Ordinal) ? termSlug[4..] : termSlug;
                        if (!_authorIdByLogin.ContainsKey(termLogin))
                        {
                            var termId = "user:" + termLogin;
                            _authorIdByLogin[termLogin] = termId;
                            catalog.Authors.Add(new ImportAuthor(termId, term.GetValueOrDefault("term_name") is { Length: > 0 } tname ? tname : termLogin, Slug(termLogin)));
                        }
                        _authorIdByTermSlug[termSlug] = _authorIdByLogin[termLogin];
                    }
                    return true;
                case "title" when reader.Depth == 2:
                    _siteTitle = reader.ReadElementContentAsString().Trim();
                    return true;
                case "item":
                    var item = ReadItem(reader);
                    switch (item.Type)
                    {
                        case "attachment":
                            _attachments[item.Id] = new Attachment(item.AttachmentUrl, item.Meta.GetValueOrDefault("_wp_attachment_image_alt"), NullIfEmpty(item.Excerpt));
                            break;
                        case "guest-author":
                            var guestLogin = item.Meta.GetValueOrDefault("cap-user_login") ?? item.Name;
                            var guestId = "user:" + guestLogin;
                            var guestName = item.Meta.GetValueOrDefault("cap-display_name") is { Length: > 0 } gn ? gn : item.Title;
                            catalog.Authors.RemoveAll(a => a.ExternalId == guestId);
                            catalog.Authors.Add(new ImportAuthor(guestId, guestName, Slug(guestLogin), NullIfEmpty(item.Meta.GetValueOrDefault("cap-description")),
                                Links: item.Meta.GetValueOrDefault("cap-website") is { Length: > 0 } site ? [site] : null));
                            _authorIdByLogin[guestLogin] = guestId;
                            _authorIdByTermSlug["cap-" + guestLogin] = guestId;
                            break;
                        case "post" or "page":
                            catalog.StoryCount++;
                            if (item.Type == "post" && item.Name.Length > 0) catalog.ArticleSlugs.Add(Slug(item.Name));
                            break;
                    }
                    return true;
            }
            return false;
        });
        if (!sawVersion)
        {
            report.Error("file", "wp:wxr_version", "This is an RSS file but not a WordPress export: it has no wp:wxr_version (export from WordPress's Tools › Export).");
            throw new ImportFailedException(report.Errors[^1].ToString());
        }

        // Parents first, so the writer can place each section under one it has already made.
        var byNicename = categories.ToDictionary(c => c.Nicename, StringComparer.OrdinalIgnoreCase);
        foreach (var c in categories)
        {
            var parent = c.Parent;
            if (parent is not null && !byNicename.ContainsKey(parent))
            {
                report.Warn($"category \"{c.Name}\"", "wp:category_parent", $"the parent \"{parent}\" is not in the export; the section is placed at the top level.");
                parent = null;
            }
            catalog.Sections.Add(new ImportSection(c.Id, c.Name, Slug(c.Nicename), parent is null ? null : "category:" + parent, NullIfEmpty(c.Description)));
            catalog.OldPaths.Add(new ImportOldPath("category/" + CategoryPath(c.Nicename, byNicename), ImportEntityKind.Section, c.Id));
        }
        return catalog;
    }

    private static string CategoryPath(string nicename, Dictionary<string, (string Id, string Nicename, string? Parent, string Name, string? Description)> all)
    {
        var parts = new List<string>();
        for (var current = nicename; current is not null && parts.Count < 20 && all.TryGetValue(current, out var c); current = c.Parent) parts.Insert(0, Slug(c.Nicename));
        return string.Join('/', parts);
    }

    public IEnumerable<ImportStory> ReadStories(ImportReport report)
    {
        var stories = new List<ImportStory>(1);
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Items(report))
        {
            if (item.Type is not ("post" or "page"))
            {
                if (item.Type is not ("attachment" or "guest-author" or "revision" or "nav_menu_item" or "customize_changeset" or "custom_css" or "wp_global_styles" or "oembed_cache"))
                    skipped[item.Type] = skipped.GetValueOrDefault(item.Type) + 1;
                continue;
            }
            var story = ToStory(item, report);
            if (story is not null) yield return story;
        }
        foreach (var (type, count) in skipped)
            report.Warn($"{count} item{(count == 1 ? "" : "s")} of type \"{type}\"", "wp:post_type", "not articles or pages, so not imported.");
    }

    private ImportStory? ToStory(Item item, ImportReport report)
    {
        var label = $"WordPress {item.Type} {item.Id} \"{Shorten(item.Title)}\" (line {item.Line})";
        if (item.Status is "trash" or "auto-draft" or "inherit")
        {
            report.Warn(label, "wp:status", $"status \"{item.Status}\" is not imported.");
            return null;
        }
        ImportStatus? status = item.Status switch
        {
            "publish" => ImportStatus.Published,
            "draft" => ImportStatus.Draft,
            "future" => ImportStatus.Scheduled,
            "pending" => ImportStatus.PendingReview,
            "private" => ImportStatus.Private,
            _ => null,
        };
        if (status is null)
        {
            report.Error(label, "wp:status", $"unknown status \"{item.Status}\" (expected publish, draft, future, pending or private).");
            return null;
        }
        var published = Date(item.DateGmt, item.Date, label, "wp:post_date_gmt", report);
        var modified = Date(item.ModifiedGmt, item.Modified, label, "wp:post_modified_gmt", report);
        if (status is ImportStatus.Published or ImportStatus.Scheduled && published is null)
            report.Error(label, "wp:post_date_gmt", $"a {(status == ImportStatus.Published ? "published" : "scheduled")} post needs a date; this one has none.");

        var authors = new List<string>();
        foreach (var (domain, nicename, text) in item.Categories.Where(c => c.Domain == "author"))
            if (_authorIdByTermSlug.TryGetValue(nicename, out var coAuthor) && !authors.Contains(coAuthor)) authors.Add(coAuthor);
            else if (!_authorIdByTermSlug.ContainsKey(nicename)) report.Error(label, "category[@domain=author]", $"the co-author \"{text}\" ({nicename}) is not in the export.");
        if (authors.Count == 0)
        {
            if (_authorIdByLogin.TryGetValue(item.Creator, out var creator)) authors.Add(creator);
            else report.Error(label, "dc:creator", item.Creator.Length == 0 ? "the post has no author." : $"the author \"{item.Creator}\" is not among the export's wp:author entries.");
        }

        var sections = new List<string>();
        var tags = new List<string>();
        var ownTags = new List<ImportTag>();
        foreach (var (domain, nicename, text) in item.Categories)
        {
            if (domain == "category")
            {
                if (_categoryIdByNicename.TryGetValue(nicename, out var c)) { if (!sections.Contains(c)) sections.Add(c); }
                else report.Error(label, "category", $"the category \"{text}\" ({nicename}) is not among the export's wp:category entries.");
            }
            else if (domain == "post_tag")
            {
                if (_tagIdBySlug.TryGetValue(nicename, out var t)) { if (!tags.Contains(t)) tags.Add(t); }
                else
                {
                    // WordPress lists every tag a post uses in the channel; a missing one is made from the post's own entry.
                    report.Warn(label, "category[@domain=post_tag]", $"the tag \"{text}\" is not in the channel's tag list; it is created from this post.");
                    _tagIdBySlug[nicename] = "tag:" + nicename;
                    tags.Add("tag:" + nicename);
                    ownTags.Add(new ImportTag("tag:" + nicename, text, Slug(nicename)));
                }
            }
        }

        ImportImage? featured = null;
        if (item.Meta.GetValueOrDefault("_thumbnail_id") is { Length: > 0 } thumbnailId)
        {
            if (_attachments.TryGetValue(thumbnailId, out var attachment)) featured = new ImportImage(attachment.Url, attachment.Alt, attachment.Caption);
            else report.Warn(label, "_thumbnail_id", $"the featured image (attachment {thumbnailId}) is not in the export.");
        }

        var oldPaths = new List<string>();
        if (item.Type == "post") oldPaths.Add($"?p={item.Id}");
        else oldPaths.Add($"?page_id={item.Id}");
        if (status == ImportStatus.Published && PathOf(item.Link) is { Length: > 0 } permalink) oldPaths.Add(permalink);

        var body = item.Content;
        if (!body.Contains("<!-- wp:", StringComparison.Ordinal)) body = Shortcodes(body, label, report);
        return new ImportStory
        {
            Kind = item.Type == "page" ? ImportStoryKind.Page : ImportStoryKind.Article,
            ExternalId = item.Type + ":" + item.Id,
            Title = WebUtility.HtmlDecode(item.Title).Trim(),
            Slug = Slug(item.Name),
            Status = status.Value,
            PublishedAt = published,
            CreatedAt = published,
            ModifiedAt = modified,
            Excerpt = NullIfEmpty(StripTags(item.Excerpt)),
            Body = body,
            BodyFormat = ImportBodyFormat.Html,
            FeaturedImage = featured,
            SeoTitle = Yoast(item.Meta.GetValueOrDefault("_yoast_wpseo_title"), item.Title),
            SeoDescription = Yoast(item.Meta.GetValueOrDefault("_yoast_wpseo_metadesc"), item.Title),
            SectionIds = sections,
            TagIds = tags,
            NewTags = ownTags,
            AuthorIds = authors,
            OldPaths = oldPaths,
        };
    }

    // Classic posts: [caption], [embed] and [gallery] become the HTML the block editor would have made.
    private string Shortcodes(string html, string label, ImportReport report)
    {
        html = CaptionShortcode().Replace(html, m => $"<figure>{m.Groups["img"].Value}<figcaption>{m.Groups["text"].Value.Trim()}</figcaption></figure>");
        html = EmbedShortcode().Replace(html, m => $"<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">{m.Groups[1].Value.Trim()}</div></figure>");
        html = GalleryShortcode().Replace(html, m =>
        {
            var images = new StringBuilder("<figure class=\"wp-block-gallery\">");
            foreach (var id in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (_attachments.TryGetValue(id, out var a))
                    images.Append($"<figure><img src=\"{WebUtility.HtmlEncode(a.Url)}\" alt=\"{WebUtility.HtmlEncode(a.Alt ?? "")}\">{(a.Caption is null ? "" : $"<figcaption>{WebUtility.HtmlEncode(a.Caption)}</figcaption>")}</figure>");
                else report.Warn(label, "content:encoded", $"[gallery] names attachment {id}, which is not in the export.");
            }
            return images.Append("</figure>").ToString();
        });
        foreach (Match other in OtherShortcode().Matches(html))
            report.Warn(label, "content:encoded", $"the shortcode [{other.Groups[1].Value}] has no equivalent and is kept as text.");
        return html;
    }

    private static string? Yoast(string? value, string title)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Yoast's templates: the title variable is filled in, separators and site names (already on every page) dropped.
        var filled = value.Replace("%%title%%", WebUtility.HtmlDecode(title), StringComparison.Ordinal);
        filled = YoastVariable().Replace(filled, "").Trim();
        return filled.Length == 0 ? null : filled;
    }

    private DateTime? Date(string gmt, string local, string label, string field, ImportReport report)
    {
        var text = gmt.Trim();
        if (text.Length == 0 || text.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            // Drafts have no GMT date; their local date is only when they were last saved, not a publication date.
            return null;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        report.Error(label, field, $"\"{text}\" is not a date (expected yyyy-MM-dd HH:mm:ss).");
        return null;
    }

    private string? PathOf(string link)
    {
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri)) return null;
        var path = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/').ToLowerInvariant();
        if (Site.Length > 0 && Uri.TryCreate(Site, UriKind.Absolute, out var site))
        {
            var basePath = site.AbsolutePath.Trim('/');
            if (basePath.Length > 0 && path.StartsWith(basePath + "/", StringComparison.Ordinal)) path = path[(basePath.Length + 1)..];
        }
        return path.Length == 0 ? null : path;
    }

    public string? MediaRelativePath(string url)
    {
        var at = url.IndexOf("/wp-content/uploads/", StringComparison.Ordinal);
        if (at < 0) return null;
        var relative = url[(at + "/wp-content/uploads/".Length)..];
        var query = relative.IndexOfAny(['?', '#']);
        return Uri.UnescapeDataString(query < 0 ? relative : relative[..query]);
    }

    private IEnumerable<Item> Items(ImportReport report)
    {
        var items = new Queue<Item>();
        using var stream = File.OpenRead(path);
        using var reader = XmlReader.Create(stream, Settings);
        while (true)
        {
            bool more;
            try
            {
                // ReadItem leaves the reader on the node after the item, which may be the next item.
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "item") items.Enqueue(ReadItem(reader));
                else reader.Read();
                more = !reader.EOF;
            }
            catch (XmlException e)
            {
                report.Error("file", $"line {e.LineNumber}, position {e.LinePosition}", Malformed(e));
                throw new ImportFailedException(report.Errors[^1].ToString());
            }
            while (items.Count > 0) yield return items.Dequeue();
            if (!more) yield break;
        }
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = false,
        XmlResolver = null,
    };

    private void Read(ImportReport report, Func<XmlReader, string, bool> element)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "rss")
            {
                report.Error("file", "root element", $"This is not a WordPress export: its root element is <{reader.LocalName}>, not <rss>.");
                throw new ImportFailedException(report.Errors[^1].ToString());
            }
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && (reader.NamespaceURI is Wp12 or Wp11 || reader.LocalName is "item" or "title") && element(reader, reader.LocalName)) continue;
                reader.Read();
            }
        }
        catch (XmlException e)
        {
            report.Error("file", $"line {e.LineNumber}, position {e.LinePosition}", Malformed(e));
            throw new ImportFailedException(report.Errors[^1].ToString());
        }
    }

    private static string Malformed(XmlException e) =>
        e.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase)
            ? $"The file ends too early (is it truncated?): {e.Message}"
            : $"The file is not well-formed XML: {e.Message}";

    private static Dictionary<string, string> Fields(XmlReader reader)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var sub = reader.ReadSubtree();
        sub.Read();
        sub.Read();
        // ReadElementContentAsString already moves to the next node, so Read() is called only when nothing was read.
        while (!sub.EOF)
        {
            // WordPress stores names HTML-escaped ("Kitchens &amp; Tables").
            if (sub.NodeType == XmlNodeType.Element && sub.Depth == 1) fields[sub.LocalName] = WebUtility.HtmlDecode(sub.ReadElementContentAsString().Trim());
            else sub.Read();
        }
        reader.Read();
        return fields;
    }

    private static Item ReadItem(XmlReader reader)
    {
        var item = new Item { Line = reader is IXmlLineInfo info ? info.LineNumber : 0 };
        using (var sub = reader.ReadSubtree())
        {
            sub.Read();
            while (!sub.EOF)
            {
                if (sub.NodeType != XmlNodeType.Element || sub.Depth != 1) { sub.Read(); continue; }
                var ns = sub.NamespaceURI;
                var name = sub.LocalName;
                if (name == "category" && ns.Length == 0)
                {
                    var domain = sub.GetAttribute("domain") ?? "";
                    var nicename = sub.GetAttribute("nicename") ?? "";
                    item.Categories.Add((domain, Uri.UnescapeDataString(nicename), WebUtility.HtmlDecode(sub.ReadElementContentAsString().Trim())));
                    continue;
                }
                if (name == "postmeta")
                {
                    using var meta = sub.ReadSubtree();
                    string? key = null, value = null;
                    meta.Read();
                    meta.Read();
                    while (!meta.EOF)
                    {
                        if (meta.NodeType == XmlNodeType.Element && meta.LocalName == "meta_key") key = meta.ReadElementContentAsString();
                        else if (meta.NodeType == XmlNodeType.Element && meta.LocalName == "meta_value") value = meta.ReadElementContentAsString();
                        else meta.Read();
                    }
                    if (key is not null) item.Meta[key] = value ?? "";
                    sub.Read();
                    continue;
                }
                if (name == "comment") { sub.Skip(); continue; }
                var text = name is "title" or "link" or "guid" || ns is ContentNs or DcNs || ns.StartsWith("http://wordpress.org/export/", StringComparison.Ordinal)
                    ? sub.ReadElementContentAsString() : null;
                if (text is null) { sub.Skip(); continue; }
                switch (name)
                {
                    case "title": item.Title = text; break;
                    case "link": item.Link = text; break;
                    case "guid": item.Guid = text; break;
                    case "creator": item.Creator = text.Trim(); break;
                    case "encoded" when ns == ContentNs: item.Content = text; break;
                    case "encoded": item.Excerpt = text; break;
                    case "post_id": item.Id = text.Trim(); break;
                    case "post_name": item.Name = Uri.UnescapeDataString(text.Trim()); break;
                    case "status": item.Status = text.Trim(); break;
                    case "post_type": item.Type = text.Trim(); break;
                    case "post_date": item.Date = text; break;
                    case "post_date_gmt": item.DateGmt = text; break;
                    case "post_modified": item.Modified = text; break;
                    case "post_modified_gmt": item.ModifiedGmt = text; break;
                    case "attachment_url": item.AttachmentUrl = text.Trim(); break;
                }
            }
        }
        reader.Read();
        return item;
    }

    private static string Slug(string raw) => Uri.UnescapeDataString(raw.Trim()).ToLowerInvariant();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string StripTags(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html).Body?.TextContent.Trim() ?? "";

    private static string Shorten(string text)
    {
        var clean = WebUtility.HtmlDecode(text).Trim();
        return clean.Length > 60 ? clean[..57] + "…" : clean;
    }

    [GeneratedRegex(@"\[caption[^\]]*\]\s*(?<img>(?:<a[^>]*>)?\s*<img[^>]*>\s*(?:</a>)?)(?<text>.*?)\[/caption\]", RegexOptions.Singleline)]
    private static partial Regex CaptionShortcode();

    [GeneratedRegex(@"\[embed[^\]]*\](.*?)\[/embed\]", RegexOptions.Singleline)]
    private static partial Regex EmbedShortcode();

    [GeneratedRegex(@"\[gallery[^\]]*\bids=""([0-9, ]+)""[^\]]*\]")]
    private static partial Regex GalleryShortcode();

    [GeneratedRegex(@"\[([a-z_][a-z0-9_-]*)(?:\s[^\]]*)?\]")]
    private static partial Regex OtherShortcode();

    [GeneratedRegex(@"%%[a-z_]+%%")]
    private static partial Regex YoastVariable();
}
