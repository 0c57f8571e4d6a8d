using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/settings and /newsroom/settings/tokens: the publication's settings and navigation; API tokens.</summary>
public class SettingsPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Admin_ChangesTheSettingsAndNavigation_AndReadersSeeThem()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Sol Settings");
        var form = await admin.GetPageAsync("/newsroom/settings");
        Assert.Equal("The Quire", form.QuerySelector("#f-name")!.GetAttribute("value"));
        Assert.Equal("Europe/London", form.QuerySelector("#f-zone")!.GetAttribute("value"));
        Assert.Equal(3, form.QuerySelectorAll("input[name$='.Label']").Length); // no links yet: three spare rows

        var saved = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new()
        {
            ["Form.Name"] = "The Quire Weekly", ["Form.Tagline"] = "Bound every Friday", ["Form.Language"] = "en-GB",
            ["Form.TimeZone"] = "America/Toronto", ["Form.LogoUrl"] = "",
            ["Form.Navigation[0].Label"] = "Culture", ["Form.Navigation[0].Url"] = "/culture",
            ["Form.Navigation[1].Label"] = "", ["Form.Navigation[1].Url"] = "",
            ["Form.Navigation[2].Label"] = "Support us", ["Form.Navigation[2].Url"] = "https://support.example/quire",
        });
        Assert.Equal("/newsroom/settings?done=saved", saved.Headers.Location!.OriginalString);

        var home = await app.Reader().GetPageAsync("/");
        Assert.Contains("The Quire Weekly", home.QuerySelector("title").Text());
        var nav = home.QuerySelectorAll(".site-nav a").Select(a => (a.Text(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Culture", "/culture"), nav);
        Assert.Contains(("Support us", "https://support.example/quire"), nav);
        Assert.DoesNotContain(nav, n => n.Item1 == "News");

        var again = await admin.GetPageAsync("/newsroom/settings");
        Assert.Equal("America/Toronto", again.QuerySelector("#f-zone")!.GetAttribute("value"));
        Assert.Equal(5, again.QuerySelectorAll("input[name$='.Label']").Length); // two links and three spare rows
        var audit = app.WithDb(db => db.AuditEvents.Where(e => e.UserName == "Sol Settings" && e.EntityType == "settings").Select(e => e.Detail).Single());
        Assert.Contains("time zone America/Toronto", audit);
        Assert.Contains("navigation (2 links)", audit);
    }

    [Fact]
    public async Task UnknownTimeZone_AndAHalfFilledNavigationRow_AreNamed_AndChangeNothing()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var response = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new()
        {
            ["Form.TimeZone"] = "Mars/Olympus_Mons", ["Form.Language"] = "xx-notalanguage",
            ["Form.Navigation[1].Label"] = "About", ["Form.Navigation[1].Url"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("“Mars/Olympus_Mons” is not a time zone", page.QuerySelector("#err-timeZone").Text());
        Assert.Equal("true", page.QuerySelector("#f-zone")!.GetAttribute("aria-invalid"));
        Assert.Contains("not a language tag", page.QuerySelector("#err-language").Text());
        Assert.Contains("Navigation link 2 needs a URL", page.QuerySelector("#err-navigation-1-url").Text());
        Assert.Equal("About", page.QuerySelector("#f-nav-label-1")!.GetAttribute("value"));
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task Admin_CreatesATokenShownOnce_ThatWorksUntilRevoked()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var created = await admin.SubmitAsync("/newsroom/settings/tokens", "#token-form", new() { ["TokenName"] = "publishing script" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = (await Html.ParseAsync(created)).QuerySelector("#token-secret")!.GetAttribute("value")!;
        Assert.StartsWith("mh_", secret);
        var api = app.Reader();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/articles")).StatusCode);

        var list = await admin.GetPageAsync("/newsroom/settings/tokens");
        Assert.Null(list.QuerySelector("#token-secret")); // shown once
        Assert.DoesNotContain(secret, list.DocumentElement.OuterHtml);
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th").Text() == "publishing script");
        var revoked = await admin.PostFormAsync(row.QuerySelector("form")!, "/newsroom/settings/tokens", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/articles")).StatusCode);
        Assert.Equal(["created an API token", "revoked an API token"],
            app.WithDb(db => db.AuditEvents.Where(e => e.EntityType == "token").OrderBy(e => e.Id).Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task TokenWithoutAName_IsRefused_AndChangesNothing()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var response = await admin.SubmitAsync("/newsroom/settings/tokens", "#token-form", new() { ["TokenName"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Name the token", page.QuerySelector("#err-name").Text());
        Assert.Null(page.QuerySelector("#token-secret"));
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task Editor_IsRefusedSettingsAndTokens_EvenWithAHandMadeForm()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        Assert.StartsWith("/newsroom/forbidden", (await editor.Http.GetAsync("/newsroom/settings")).Headers.Location!.PathAndQuery);
        Assert.StartsWith("/newsroom/forbidden", (await editor.Http.GetAsync("/newsroom/settings/tokens")).Headers.Location!.PathAndQuery);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var settings = await editor.PostWithTokenAsync("/newsroom/settings", new() { ["Form.Name"] = "Taken over", ["Form.Language"] = "en", ["Form.TimeZone"] = "UTC" });
        Assert.StartsWith("/newsroom/forbidden", settings.Headers.Location!.PathAndQuery);
        var token = await editor.PostWithTokenAsync("/newsroom/settings/tokens?handler=Create", new() { ["TokenName"] = "mine now" });
        Assert.StartsWith("/newsroom/forbidden", token.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }
}
