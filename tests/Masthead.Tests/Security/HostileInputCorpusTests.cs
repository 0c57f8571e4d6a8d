using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>
/// Every hostile input in Security/Corpus/hostile-inputs.txt goes into every text field of a story, its tag, a section
/// and an author, through the admin API; the story is published, and every surface that shows it is read back: the
/// article page (and its JSON-LD), home, section, tag and author pages, the RSS and Atom feeds, the sitemap, the
/// Content API and the newsroom's edit page. Nothing executable may come out, every document must still parse, and no
/// request may end in a 500. Runs on both databases.
/// </summary>
public partial class HostileInputCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Inputs() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "Corpus", "hostile-inputs.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select((line, i) => new object[] { i, line });

    private static string Unescape(string line) => CodePoint().Replace(
        line.Replace("\\n", "\n").Replace("\\t", "\t").Replace("\\0", "\0"),
        m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AHostileInput_InEveryField_ComesOutOfEverySurface_AsText(int number, string line)
    {
        var input = Unescape(line);
        var editor = await app.ClientAsAsync(Role.Editor);
        var marker = $"corpus{number}";

        // A section, an author and the story itself, each carrying the input wherever text goes.
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
            body = $"Before {input} after.\n\n## Heading {input}\n\n> {input}\n\n- {input}",
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
            // Refused as a whole is fine, with a problem that says why; stored half is not.
            Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
            Assert.Equal("application/problem+json", created.Content.Headers.ContentType!.MediaType);
            return;
        }
        var story = await created.ReadNodeAsync();
        var id = story["id"]!.GetValue<int>();
        var published = await editor.PostAsync($"/api/admin/articles/{id}/publish", ApiJson.Body(new { }));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var url = (await published.ReadNodeAsync())["url"]!.GetValue<string>();
        var tagSlug = story["tags"]!.AsArray().Single()!["slug"]!.GetValue<string>();

        var reader = app.Reader();
        foreach (var path in new[] { url, "/", "/" + sectionPath, "/author/" + authorSlug, "/tag/" + tagSlug })
            AssertSafeHtml(await GetOkAsync(reader, path), path);
        foreach (var feed in new[] { "/feed.xml", "/feed.atom", $"/{sectionPath}/feed.xml", $"/tag/{tagSlug}/feed.atom" })
            AssertSafeFeed(await GetOkAsync(reader, feed), feed);
        XDocument.Parse(await GetOkAsync(reader, "/sitemap.xml"));

        var content = await app.ContentClientAsync();
        var fromApi = await content.GetAsync($"/api/content/v1/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, fromApi.StatusCode);
        using var json = JsonDocument.Parse(await fromApi.Content.ReadAsStringAsync());
        // Fields named …Html carry markup; every other string is plain text a client must escape, and is JSON-escaped here.
        foreach (var html in HtmlFieldsIn(json.RootElement)) AssertSafeFragment(html, "Content API");

        var newsroom = await app.NewsroomAsAsync(Role.Editor);
        var edit = await newsroom.Http.GetAsync($"/newsroom/stories/{id}");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        AssertSafeHtml(await edit.Content.ReadAsStringAsync(), "newsroom edit page");
    }

    private static void AssertNot500(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");

    private static async Task<string> GetOkAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A whole page: only the site's own scripts and JSON-LD, which must parse; no handlers, no script URLs.</summary>
    private static void AssertSafeHtml(string html, string where)
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

    private static void AssertSafeFragment(string html, string where)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        Assert.Empty(document.Body!.QuerySelectorAll("script, style, base, meta, link"));
        AssertNoActiveMarkup(document.Body!.QuerySelectorAll("*"), where);
    }

    private static void AssertNoActiveMarkup(IEnumerable<IElement> elements, string where)
    {
        foreach (var element in elements)
        {
            // Frames, objects and forms of the input's own (their addresses name evil.example); the page's own forms are fine.
            Assert.False(element.LocalName is "iframe" or "object" or "embed" or "form" && element.Attributes.Any(a => a.Value.Contains("evil.example", StringComparison.Ordinal)),
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
    private static void AssertSafeFeed(string xml, string where)
    {
        var feed = XDocument.Parse(xml);
        var html = feed.Descendants("description").Concat(feed.Descendants(Content + "encoded"))
            .Concat(feed.Descendants(Atom + "content").Concat(feed.Descendants(Atom + "summary")).Where(e => (string?)e.Attribute("type") == "html"));
        foreach (var element in html) AssertSafeFragment(element.Value, $"{where} <{element.Name.LocalName}>");
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

    [GeneratedRegex(@"\\u\{([0-9A-Fa-f]{1,6})\}")]
    private static partial Regex CodePoint();

    // What browsers treat as a script address once they strip leading spaces and control characters.
    [GeneratedRegex(@"^[\s\x00-\x1f]*(javascript|vbscript|data\s*:\s*text/html)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptUrl();
}
