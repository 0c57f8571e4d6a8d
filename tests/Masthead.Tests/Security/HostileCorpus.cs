using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>
/// The hostile inputs of Security/Corpus/hostile-inputs.txt and the checks every corpus test makes of what comes back:
/// nothing executable (scripts, event handlers, script addresses, planted frames, forms, base or refresh elements), every
/// document still parsing (HTML, XML, JSON), no 500. One copy, shared by the corpus tests of each surface.
/// </summary>
public static partial class HostileCorpus
{
    private static readonly Lazy<IReadOnlyList<string>> Lines = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "Corpus", "hostile-inputs.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList());

    /// <summary>Each input as a theory's data: its number and its line as written in the file.</summary>
    public static IEnumerable<object[]> Inputs() => Lines.Value.Select((line, i) => new object[] { i, line });

    /// <summary>The inputs in groups of <paramref name="size"/>, for surfaces where one request can carry several.</summary>
    public static IEnumerable<object[]> Batches(int size) =>
        Lines.Value.Select((line, i) => (line, i)).Chunk(size).Select((chunk, b) => new object[] { b, chunk.Select(c => c.line).ToArray() });

    /// <summary>Every input, unescaped, with its number.</summary>
    public static IReadOnlyList<(int Number, string Input)> All() => Lines.Value.Select((line, i) => (i, Unescape(line))).ToList();

    public static string Unescape(string line) => CodePoint().Replace(
        line.Replace("\\n", "\n").Replace("\\t", "\t").Replace("\\0", "\0"),
        m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    public static void AssertNot500(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");

    /// <summary>A refusal as a whole is fine, with a problem that says why; a half-stored write is not.</summary>
    public static void AssertRefusedAsAProblem(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    public static async Task<string> GetOkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs a page and checks it with <see cref="AssertSafeHtml"/>.</summary>
    public static async Task<string> GetSafePageAsync(HttpClient client, string path)
    {
        var html = await GetOkAsync(client, path);
        AssertSafeHtml(html, path);
        return html;
    }

    /// <summary>A whole page: only the site's own scripts and JSON-LD, which must parse; no handlers, no script URLs.</summary>
    public static void AssertSafeHtml(string html, string where)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var script in document.QuerySelectorAll("script"))
        {
            if (script.GetAttribute("type") == "application/ld+json")
            {
                Assert.DoesNotContain("</script", script.TextContent, StringComparison.OrdinalIgnoreCase);
                JsonDocument.Parse(script.TextContent).Dispose();
            }
            else
            {
                var src = script.GetAttribute("src") ?? "";
                Assert.True(src.StartsWith('/') && !src.StartsWith("//", StringComparison.Ordinal), $"{where}: a script that is not the site's own: {script.OuterHtml}");
                Assert.Equal("", script.TextContent.Trim());
            }
        }
        AssertNoActiveMarkup(document.All, where);
        Assert.Empty(document.QuerySelectorAll("base, meta[http-equiv=refresh], link[href*='evil.example']"));
    }

    /// <summary>
    /// An email's HTML part: stricter than a page, since no mail client should run anything — no script element at
    /// all, no handlers, no script addresses, nothing planted.
    /// </summary>
    public static void AssertSafeEmailHtml(string html, string where)
    {
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, base, meta[http-equiv=refresh]"));
        AssertNoActiveMarkup(document.All, where);
    }

    /// <summary>A fragment of HTML carried inside another document (a feed item, a JSON field).</summary>
    public static void AssertSafeFragment(string html, string where)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        Assert.Empty(document.Body!.QuerySelectorAll("script, style, base, meta, link"));
        AssertNoActiveMarkup(document.Body!.QuerySelectorAll("*"), where);
    }

    private static void AssertNoActiveMarkup(IEnumerable<IElement> elements, string where)
    {
        foreach (var element in elements)
        {
            // Frames, objects and forms of the input's own (their addresses name evil.example); the page's own forms are
            // fine, even when a data-confirm text quotes the input.
            Assert.False(element.LocalName is "iframe" or "object" or "embed" or "form"
                && element.Attributes.Any(a => a.Name is "src" or "data" or "action" or "href" && a.Value.Contains("evil.example", StringComparison.Ordinal)),
                $"{where}: {element.OuterHtml}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: an event handler survived: {element.OuterHtml}");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "data" or "poster")
                    Assert.False(ScriptUrl().IsMatch(attribute.Value), $"{where}: a script address survived: {element.OuterHtml}");
                if (attribute.Name == "style") Assert.DoesNotContain("javascript", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>
    /// A feed parses as XML, and the HTML it carries is itself safe: RSS descriptions and content:encoded, Atom content and
    /// summaries of type html. (Media RSS descriptions are plain text by declaration, and readers show them as such.)
    /// </summary>
    public static void AssertSafeFeed(string xml, string where)
    {
        var feed = XDocument.Parse(xml);
        var html = feed.Descendants("description").Concat(feed.Descendants(Content + "encoded"))
            .Concat(feed.Descendants(Atom + "content").Concat(feed.Descendants(Atom + "summary")).Where(e => (string?)e.Attribute("type") == "html"));
        foreach (var element in html) AssertSafeFragment(element.Value, $"{where} <{element.Name.LocalName}>");
    }

    /// <summary>A JSON document parses; fields named …Html carry markup and must be safe, every other string is JSON-escaped text.</summary>
    public static JsonDocument AssertSafeJson(string json, string where)
    {
        var document = JsonDocument.Parse(json);
        foreach (var html in HtmlFieldsIn(document.RootElement)) AssertSafeFragment(html, where);
        return document;
    }

    private static IEnumerable<string> HtmlFieldsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Value.ValueKind == JsonValueKind.String
                ? p.Name.EndsWith("Html", StringComparison.Ordinal) ? [p.Value.GetString()!] : []
                : HtmlFieldsIn(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(HtmlFieldsIn),
        _ => [],
    };

    /// <summary>What the corpus story came to: its id and public address (empty while unpublished), as the API stored it.</summary>
    public sealed record CarryingStory(int Id, string Url, string Headline, string SectionPath, string AuthorSlug, string TagSlug);

    /// <summary>
    /// A section, an author and a story, each carrying the input wherever text goes, made through the admin API and
    /// published unless told not to. Null when the story was refused as a whole (with a problem that says why).
    /// </summary>
    public static async Task<CarryingStory?> PublishCarryingStoryAsync(HttpClient editor, string marker, string input, bool publish = true)
    {
        var section = await editor.PostAsync("/api/admin/sections", ApiJson.Body(new { name = $"Desk {marker} {input}", description = input }));
        AssertNot500(section, "section");
        var sectionPath = section.StatusCode == HttpStatusCode.Created ? (await section.ReadNodeAsync())["path"]!.GetValue<string>() : "news";
        var author = await editor.PostAsync("/api/admin/authors", ApiJson.Body(new { name = $"Writer {marker} {input}", bio = input }));
        AssertNot500(author, "author");
        var authorSlug = author.StatusCode == HttpStatusCode.Created ? (await author.ReadNodeAsync())["slug"]!.GetValue<string>() : "wren-ashdown";

        var created = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = $"Story {marker} {input}",
            standfirst = $"Standfirst {input}",
            body = $"Before {input} after.\n\n## Heading {input}\n\n> {input}\n\n- {input}\n\n:::promo /shop\n{input}\n{input}\n:::",
            section = sectionPath,
            bylines = new[] { authorSlug },
            credits = new[] { new { role = $"Words {input}", name = $"Credit {input}", author = (string?)null } },
            tags = new[] { $"tag {marker} {input}" },
            heroImage = new { url = "https://images.example/pic.jpg", alt = $"Alt {input}", caption = $"Caption {input}", credit = $"Credit {input}", width = 1200, height = 800 },
            seoTitle = $"SEO {input}",
            seoDescription = $"Description {input}",
        }));
        AssertNot500(created, "article");
        if (created.StatusCode != HttpStatusCode.Created)
        {
            AssertRefusedAsAProblem(created, "article");
            return null;
        }
        var story = await created.ReadNodeAsync();
        var id = story["id"]!.GetValue<int>();
        var tagSlug = story["tags"]!.AsArray().Single()!["slug"]!.GetValue<string>();
        var headline = story["headline"]!.GetValue<string>();
        if (!publish) return new CarryingStory(id, "", headline, sectionPath, authorSlug, tagSlug);
        var published = await editor.PostAsync($"/api/admin/articles/{id}/publish", ApiJson.Body(new { }));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var url = (await published.ReadNodeAsync())["url"]!.GetValue<string>();
        return new CarryingStory(id, url, headline, sectionPath, authorSlug, tagSlug);
    }

    [GeneratedRegex(@"\\u\{([0-9A-Fa-f]{1,6})\}")]
    private static partial Regex CodePoint();

    // What browsers treat as a script address once they strip leading spaces and control characters.
    [GeneratedRegex(@"^[\s\x00-\x1f]*(javascript|vbscript|data\s*:\s*text/html)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptUrl();
}
