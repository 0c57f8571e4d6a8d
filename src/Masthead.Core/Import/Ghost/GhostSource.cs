using System.Globalization;
using System.Text.Json;

namespace Masthead.Core.Import.Ghost;

/// <summary>
/// Reads a Ghost 4–6 JSON export (Settings › Labs › Export). The first pass keeps users, tags and the
/// posts_tags / posts_authors / posts_meta relations; the second parses one post at a time.
/// Tags become sections or tags: by default every tag that is some post's primary (first) tag becomes a
/// section; <see cref="SectionTagSlugs"/> chooses them instead.
/// </summary>
public sealed class GhostSource(string path, IReadOnlyCollection<string>? sectionTagSlugs = null, string? sourceUrl = null) : IImportSource
{
    private const string Placeholder = "__GHOST_URL__";

    private readonly Dictionary<string, List<(int Order, string TagId)>> _postTags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Order, string AuthorId)>> _postAuthors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Title, string? Description, string? Alt, string? Caption)> _postMeta = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string Slug, bool Internal)> _tags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sectionTags = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string>? SectionTagSlugs { get; } = sectionTagSlugs;
    public string System => "ghost";
    public string Site { get; } = sourceUrl?.TrimEnd('/') ?? "";
    public string Version { get; private set; } = "";

    public ImportCatalog ReadCatalog(ImportReport report)
    {
        var catalog = new ImportCatalog();
        var tagRows = new List<JsonElement>();
        using (var stream = Open(report))
        {
            var sawMeta = false;
            foreach (var (table, element) in Guard(report, stream.Elements(t => t != "posts")))
            {
                using var document = element;
                var row = document.RootElement;
                switch (table)
                {
                    case "meta":
                        sawMeta = true;
                        CheckVersion(row, report);
                        break;
                    case "users":
                        var id = Str(row, "id");
                        _users.Add(id);
                        var links = new[] { Str(row, "website"), Handle("https://x.com/", Str(row, "twitter")), Handle("https://www.facebook.com/", Str(row, "facebook")) }
                            .Where(l => l.Length > 0).ToList();
                        catalog.Authors.Add(new ImportAuthor("user:" + id, Str(row, "name") is { Length: > 0 } n ? n : Str(row, "slug"), Str(row, "slug"),
                            NullIfEmpty(Str(row, "bio")), NullIfEmpty(Url(Str(row, "profile_image"))), links));
                        catalog.OldPaths.Add(new ImportOldPath("author/" + Str(row, "slug"), ImportEntityKind.Author, "user:" + id));
                        break;
                    case "tags":
                        _tags[Str(row, "id")] = (Str(row, "name"), Str(row, "slug"), Str(row, "visibility") == "internal" || Str(row, "name").StartsWith('#'));
                        tagRows.Add(row.Clone());
                        break;
                    case "posts_tags":
                        Add(_postTags, Str(row, "post_id"), (Int(row, "sort_order"), Str(row, "tag_id")));
                        break;
                    case "posts_authors":
                        Add(_postAuthors, Str(row, "post_id"), (Int(row, "sort_order"), Str(row, "author_id")));
                        break;
                    case "posts_meta":
                        _postMeta[Str(row, "post_id")] = (NullIfEmpty(Str(row, "meta_title")), NullIfEmpty(Str(row, "meta_description")),
                            NullIfEmpty(Str(row, "feature_image_alt")), NullIfEmpty(Str(row, "feature_image_caption")));
                        break;
                }
            }
            if (!stream.SawData || !sawMeta)
            {
                report.Error("file", "db[0].meta", "This is JSON but not a Ghost export: it has no db[0].meta and db[0].data (export from Ghost's Settings › Labs › Export your content).");
                throw new ImportFailedException(report.Errors[^1].ToString());
            }
            catalog.StoryCount = stream.Skipped.GetValueOrDefault("posts");
        }

        foreach (var list in _postTags.Values) list.Sort((a, b) => a.Order.CompareTo(b.Order));
        foreach (var list in _postAuthors.Values) list.Sort((a, b) => a.Order.CompareTo(b.Order));

        if (SectionTagSlugs is { Count: > 0 } chosen)
        {
            foreach (var wanted in chosen)
            {
                var match = _tags.FirstOrDefault(t => string.Equals(t.Value.Slug, wanted, StringComparison.OrdinalIgnoreCase));
                if (match.Key is null) report.Error("--sections", wanted, $"there is no tag with the slug \"{wanted}\" in the export.");
                else _sectionTags.Add(match.Key);
            }
        }
        else
        {
            // Ghost's primary tag is a post's first public tag.
            foreach (var list in _postTags.Values)
                if (list.Select(t => t.TagId).FirstOrDefault(t => _tags.TryGetValue(t, out var tag) && !tag.Internal) is { } primary) _sectionTags.Add(primary);
        }

        foreach (var row in tagRows)
        {
            var id = Str(row, "id");
            var (name, slug, isInternal) = _tags[id];
            if (isInternal)
            {
                report.Warn($"Ghost tag \"{name}\"", "visibility", "an internal tag (for themes, not readers): not imported.");
                continue;
            }
            if (_sectionTags.Contains(id))
            {
                catalog.Sections.Add(new ImportSection("tag:" + id, name, slug, null, NullIfEmpty(Str(row, "description"))));
                catalog.OldPaths.Add(new ImportOldPath("tag/" + slug, ImportEntityKind.Section, "tag:" + id));
            }
            else
            {
                catalog.Tags.Add(new ImportTag("tag:" + id, name, slug));
                catalog.OldPaths.Add(new ImportOldPath("tag/" + slug, ImportEntityKind.Tag, "tag:" + id));
            }
        }
        return catalog;
    }

    private void CheckVersion(JsonElement meta, ImportReport report)
    {
        Version = Str(meta, "version");
        var major = int.TryParse(Version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        if (major is < 4 or > 6)
        {
            report.Error("file", "db[0].meta.version", Version.Length == 0
                ? "The export does not say which Ghost version made it; this importer reads Ghost 4, 5 and 6 exports."
                : $"Ghost {Version} is not a version this importer reads (Ghost 4, 5 and 6).");
            throw new ImportFailedException(report.Errors[^1].ToString());
        }
    }

    public IEnumerable<ImportStory> ReadStories(ImportReport report)
    {
        using var stream = Open(report);
        foreach (var (table, element) in Guard(report, stream.Elements(t => t == "posts")))
        {
            if (table != "posts") { element.Dispose(); continue; }
            ImportStory? story;
            using (element) story = ToStory(element.RootElement, report);
            if (story is not null) yield return story;
        }
    }

    private ImportStory? ToStory(JsonElement post, ImportReport report)
    {
        var id = Str(post, "id");
        var type = Str(post, "type") is { Length: > 0 } t ? t : "post";
        var label = $"Ghost {type} {id} \"{Shorten(Str(post, "title"))}\"";
        var ghostStatus = Str(post, "status");
        ImportStatus? status = ghostStatus switch
        {
            "published" => ImportStatus.Published,
            "draft" => ImportStatus.Draft,
            "scheduled" => ImportStatus.Scheduled,
            // Sent only by email, never on the web: kept out of the public site.
            "sent" => ImportStatus.Private,
            _ => null,
        };
        if (status is null)
        {
            report.Error(label, "status", $"unknown status \"{ghostStatus}\" (expected published, draft, scheduled or sent).");
            return null;
        }
        if (status == ImportStatus.Published && Str(post, "visibility") is { Length: > 0 } visibility && visibility != "public")
        {
            // A members-only story must not become free to read by moving house.
            report.Warn(label, "visibility", $"\"{visibility}\" in Ghost; Masthead has no members, so it is imported unpublished rather than made public.");
            status = ImportStatus.Private;
        }

        var published = Date(post, "published_at", label, report);
        if (status is ImportStatus.Published or ImportStatus.Scheduled && published is null)
            report.Error(label, "published_at", $"a {ghostStatus} post needs a date; this one has none.");

        var authors = new List<string>();
        var authorRows = _postAuthors.GetValueOrDefault(id)?.Select(a => a.AuthorId).ToList() ?? [];
        if (authorRows.Count == 0 && Str(post, "author_id") is { Length: > 0 } single) authorRows.Add(single);
        foreach (var author in authorRows)
        {
            if (_users.Contains(author)) authors.Add("user:" + author);
            else report.Error(label, "posts_authors", $"the author {author} is not among the export's users.");
        }
        if (authorRows.Count == 0) report.Error(label, "posts_authors", "the post has no author.");

        var sections = new List<string>();
        var tags = new List<string>();
        foreach (var (_, tagId) in _postTags.GetValueOrDefault(id) ?? [])
        {
            if (!_tags.TryGetValue(tagId, out var tag)) { report.Error(label, "posts_tags", $"the tag {tagId} is not among the export's tags."); continue; }
            if (tag.Internal) continue;
            if (_sectionTags.Contains(tagId)) sections.Add("tag:" + tagId);
            else tags.Add("tag:" + tagId);
        }

        var meta = _postMeta.GetValueOrDefault(id);
        var featured = Url(Str(post, "feature_image"));
        var (body, format) = Str(post, "html") is { Length: > 0 } html ? (html, ImportBodyFormat.Html)
            : Str(post, "lexical") is { Length: > 0 } lexical ? (lexical, ImportBodyFormat.Lexical)
            : Str(post, "mobiledoc") is { Length: > 0 } mobiledoc ? (mobiledoc, ImportBodyFormat.Mobiledoc)
            : ("", ImportBodyFormat.Html);
        var slug = Str(post, "slug");
        return new ImportStory
        {
            Kind = type == "page" ? ImportStoryKind.Page : ImportStoryKind.Article,
            ExternalId = type + ":" + id,
            Title = Str(post, "title").Trim(),
            Slug = slug,
            Status = status.Value,
            PublishedAt = published,
            CreatedAt = Date(post, "created_at", label, report),
            ModifiedAt = Date(post, "updated_at", label, report),
            Excerpt = NullIfEmpty(Str(post, "custom_excerpt")),
            Body = format == ImportBodyFormat.Html ? Url(body) : body.Replace(Placeholder, Site, StringComparison.Ordinal),
            BodyFormat = format,
            FeaturedImage = featured.Length > 0 ? new ImportImage(featured, meta.Alt ?? NullIfEmpty(Str(post, "feature_image_alt")), meta.Caption ?? NullIfEmpty(Str(post, "feature_image_caption"))) : null,
            SeoTitle = meta.Title ?? NullIfEmpty(Str(post, "meta_title")),
            SeoDescription = meta.Description ?? NullIfEmpty(Str(post, "meta_description")),
            SectionIds = sections,
            TagIds = tags,
            AuthorIds = authors,
            OldPaths = status == ImportStatus.Published && slug.Length > 0 ? [slug] : [],
        };
    }

    public string? MediaRelativePath(string url)
    {
        var at = url.IndexOf("/content/images/", StringComparison.Ordinal);
        if (at < 0) return null;
        var relative = url[(at + "/content/images/".Length)..];
        var query = relative.IndexOfAny(['?', '#']);
        relative = Uri.UnescapeDataString(query < 0 ? relative : relative[..query]);
        // Ghost serves resized copies from size/w600/…; the original sits at the same path without that prefix.
        if (relative.StartsWith("size/", StringComparison.Ordinal) && relative.Split('/', 3) is { Length: 3 } parts) relative = parts[2];
        return relative;
    }

    private JsonSectionStream Open(ImportReport report)
    {
        try
        {
            return new JsonSectionStream(File.OpenRead(path));
        }
        catch (IOException e)
        {
            report.Error("file", path, e.Message);
            throw new ImportFailedException(e.Message);
        }
    }

    // The stream's own failures name the byte; they go into the report like every other problem.
    private static IEnumerable<(string, JsonDocument)> Guard(ImportReport report, IEnumerable<(string, JsonDocument)> elements)
    {
        using var e = elements.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (ImportFailedException failure)
            {
                if (report.Errors.All(x => x.Message != failure.Message)) report.Error("file", "JSON", failure.Message);
                throw;
            }
            yield return e.Current;
        }
    }

    private DateTime? Date(JsonElement row, string field, string label, ImportReport report)
    {
        var text = Str(row, field);
        if (text.Length == 0) return null;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        report.Error(label, field, $"\"{text}\" is not a date (expected ISO 8601, such as 2024-03-01T09:30:00.000Z).");
        return null;
    }

    private string Url(string value) => value.Replace(Placeholder, Site, StringComparison.Ordinal);

    private static string Handle(string prefix, string handle) => handle.Length == 0 ? "" : prefix + handle.TrimStart('@');

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    private static string Str(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => value.GetRawText(),
            _ => "",
        } : "";

    private static int Int(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "…" : text;
}
