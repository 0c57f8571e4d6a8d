using System.Net;
using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// Each hostile input as the publication's name, tagline and navigation labels, then as the logo and navigation
/// addresses, through the newsroom's settings form; read back from the pages every reader sees (with their JSON-LD),
/// the feeds, the sitemap, the icon and web app manifest, and the newsroom. The settings are the whole site's, so this
/// class has an app of its own.
/// </summary>
public class HostileSettingsCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Inputs() => HostileCorpus.Inputs();

    private static Dictionary<string, string> Settings(string name, string tagline, string logo, params (string Label, string Url)[] links)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = name, ["Form.Tagline"] = tagline, ["Form.Language"] = "en-GB", ["Form.TimeZone"] = "Europe/London",
            ["Form.LogoPicture"] = logo.Length == 0 ? "none" : "address", ["Form.LogoUrl"] = logo,
        };
        for (var i = 0; i < 3; i++)
        {
            fields[$"Form.Navigation[{i}].Label"] = i < links.Length ? links[i].Label : "";
            fields[$"Form.Navigation[{i}].Url"] = i < links.Length ? links[i].Url : "";
        }
        return fields;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AHostileInput_InThePublicationsSettings_ComesOutOfEverySurface_AsText(int number, string line)
    {
        var input = Unescape(line);
        var admin = await app.NewsroomAsAsync(Role.Admin);

        var words = await admin.SubmitAsync("/newsroom/settings", "#settings-form",
            Settings($"The Quire {number} {input}", input, "", (input, "/news"), ($"Support {input}", "https://support.example/quire")));
        AssertNot500(words, "settings words");
        if (words.StatusCode != HttpStatusCode.Redirect) AssertSafeHtml(await words.Content.ReadAsStringAsync(), "settings refused");
        await ReadEverySurfaceAsync(admin);

        // As addresses: most are refused, and the refusal shows the typed value again, in its field.
        var links = await admin.SubmitAsync("/newsroom/settings", "#settings-form",
            Settings("The Quire", "", input, ("Link", input), ("Path", "/" + input)));
        AssertNot500(links, "settings addresses");
        if (links.StatusCode == HttpStatusCode.Redirect) await ReadEverySurfaceAsync(admin);
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, links.StatusCode);
            AssertSafeHtml(await links.Content.ReadAsStringAsync(), "settings addresses refused");
        }
    }

    private async Task ReadEverySurfaceAsync(NewsroomClient admin)
    {
        var reader = app.Reader();
        var feed = await GetOkAsync(reader, "/feed.xml");
        AssertSafeFeed(feed, "/feed.xml");
        var story = new Uri(XDocument.Parse(feed).Descendants("item").First().Element("link")!.Value).AbsolutePath;
        foreach (var path in new[] { "/", story, "/news", "/author/wren-ashdown", "/search?q=ferry" })
            await GetSafePageAsync(reader, path);
        AssertSafeFeed(await GetOkAsync(reader, "/feed.atom"), "/feed.atom");
        XDocument.Parse(await GetOkAsync(reader, "/sitemap.xml"));
        var icon = XDocument.Parse(await GetOkAsync(reader, "/favicon.svg"));
        Assert.Equal(["svg", "rect", "text"], icon.Descendants().Select(e => e.Name.LocalName));
        Assert.DoesNotContain(icon.Descendants().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        AssertSafeJson(await GetOkAsync(reader, "/site.webmanifest"), "manifest").Dispose();
        var content = await app.ContentClientAsync();
        AssertSafeJson(await GetOkAsync(content, "/api/content/v1/sections"), "Content API").Dispose();
        foreach (var path in new[] { "/newsroom", "/newsroom/settings" })
            await GetSafePageAsync(admin.Http, path);
    }
}
