using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Publication;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>Theme settings: the contrast check that refuses, the theme's stylesheet and fonts, the logo, the default social image, and eviction.</summary>
public class ThemeTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#777777", "#ffffff", 4.48)]
    [InlineData("#8a1c5c", "#fdfcf9", 8.5)]
    public void Contrast_FollowsWcag(string a, string b, double expected) =>
        Assert.Equal(expected, Theme.Contrast(a, b), 1);

    [Fact]
    public void ARatioJustUnderTheLine_IsShownRoundedDown_SoItNeverReadsAsPassing() =>
        Assert.Equal("4.4:1", Theme.Ratio(Theme.Contrast("#777777", "#ffffff")));

    [Fact]
    public async Task ColoursUnderAA_AreRefused_NamingEachPairAndItsRatio_AndChangeNothing()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Tam Theme");
        var before = await DbFingerprint.TakeAsync(app.Services);
        var response = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new()
        {
            ["Form.AccentColor"] = "#ffcc00", ["Form.AccentTextColor"] = "#ffffff", ["Form.BackgroundColor"] = "#ffffff",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var accent = page.QuerySelector("#err-accentColor")!.TextContent;
        Assert.Contains("(#ffcc00 on #ffffff) have a contrast of 1.5:1; WCAG AA needs at least 4.5:1", accent);
        Assert.Contains("Text on the accent colour (buttons) (#ffffff on #ffcc00) have a contrast of 1.5:1", page.QuerySelector("#err-accentTextColor")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#f-accent")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));

        var garbage = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new()
        {
            ["Form.AccentColor"] = "red; } body { display: none", ["Form.FontPair"] = "comic",
        });
        var garbagePage = await Html.ParseAsync(garbage);
        Assert.Contains("is not a colour in the form #rrggbb", garbagePage.QuerySelector("#err-accentColor")!.TextContent);
        Assert.Contains("“comic” is not one of the font pairs", garbagePage.QuerySelector("#err-fontPair")!.TextContent);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task ASavedTheme_ReachesEveryPage_WithItsLogoFontsAndDefaultSocialImage()
    {
        var story = await app.PublishAsync((await app.StoryAsync("A story without a picture")).Id);
        var reader = app.Reader();
        var plainHome = await reader.GetPageAsync("/");
        Assert.Null(plainHome.QuerySelector("link[href^='/theme.css']")); // the site's own look links nothing

        var admin = await app.NewsroomAsAsync(Role.Admin, "Uma Theme");
        var saved = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new()
        {
            ["Form.LogoPicture"] = "address", ["Form.LogoUrl"] = "/media/logo/mark.png", ["Form.AccentColor"] = "#0B5E3C", ["Form.AccentTextColor"] = "#fff",
            ["Form.BackgroundColor"] = "#fbfaf5", ["Form.FontPair"] = "bookish",
            ["Form.SocialImagePicture"] = "address", ["Form.DefaultSocialImageUrl"] = "/media/share/1200.jpg",
        });
        Assert.Equal("/newsroom/settings?done=saved", saved.Headers.Location!.OriginalString);

        // The home page read before the change was cached; the settings change evicted it.
        var home = await reader.GetPageAsync("/");
        var link = home.QuerySelector("link[rel=stylesheet][href^='/theme.css?v=']")!.GetAttribute("href")!;
        Assert.Equal("", home.QuerySelector(".masthead__name img.masthead__logo")!.GetAttribute("alt"));
        Assert.Equal("/media/logo/mark.png", home.QuerySelector(".masthead__logo")!.GetAttribute("src"));
        var css = await reader.GetStringAsync(link);
        Assert.Contains("--accent: #0b5e3c;", css);
        Assert.Contains("--on-accent: #ffffff;", css);
        Assert.Contains("--paper: #fbfaf5;", css);
        Assert.Contains(Theme.Font("bookish").Serif, css);

        var article = await reader.GetPageAsync($"/culture/film-tv/{story.Slug}");
        Assert.Equal("https://quire.example/media/share/1200.jpg", article.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        Assert.Contains("/media/share/1200.jpg", article.QuerySelector("script[type='application/ld+json']")!.TextContent);

        var audit = app.WithDb(db => db.AuditEvents.Where(e => e.UserName == "Uma Theme" && e.EntityType == "settings").Select(e => e.Detail).Single());
        Assert.Contains("colours", audit);
        Assert.Contains("fonts bookish", audit);
    }

    [Theory]
    [InlineData("source", "Source Serif 4", "Source Sans 3")]
    [InlineData("literary", "Literata", "Inter")]
    public async Task AHostedFontPair_IsServedFromTheSiteItself_EachFileAWoff2KeptForGood(string key, string serif, string sans)
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var saved = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.FontPair"] = key });
        Assert.Equal("/newsroom/settings?done=saved", saved.Headers.Location!.OriginalString);
        try
        {
            var reader = app.Reader();
            var home = await reader.GetPageAsync("/");
            var css = await reader.GetStringAsync(home.QuerySelector("link[rel=stylesheet][href^='/theme.css?v=']")!.GetAttribute("href")!);
            Assert.Contains($"--serif: {Theme.Font(key).Serif};", css);
            Assert.Contains($"font-family: \"{serif}\"; font-style: italic", css);
            Assert.Contains($"font-family: \"{sans}\"; font-style: normal", css);
            var files = System.Text.RegularExpressions.Regex.Matches(css, @"url\(""([^""]+)""\)").Select(m => m.Groups[1].Value).ToList();
            // Latin and Latin Extended for each font, upright and (for the reading serif) italic, all from this site.
            Assert.Equal(Theme.Font(key).Hosted.Sum(f => (f.HasItalic ? 2 : 1) * 2), files.Count);
            Assert.All(files, f => Assert.StartsWith("/assets/fonts/", f));
            foreach (var file in files)
            {
                var response = await reader.GetAsync(file);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("font/woff2", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal("wOF2", System.Text.Encoding.ASCII.GetString((await response.Content.ReadAsByteArrayAsync())[..4]));
                Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
            }
            // Each font's licence travels with it.
            Assert.All(Theme.Font(key).Hosted, f => Assert.True(File.Exists(Path.Combine(S3TestServer.RepositoryRoot(), "src", "Masthead.Web", "wwwroot",
                "assets", "fonts", f.Folder, f.Version, "OFL.txt")), $"{f.Family} has no licence file"));
        }
        finally
        {
            await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.FontPair"] = "classic" });
        }
    }
}
