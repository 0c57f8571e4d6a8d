using Masthead.Core.Accounts;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// Theme settings in the browser: colours under WCAG AA refused on the page, a themed site that stays axe-clean, and
/// the logo and default social image chosen from the media library by clicking.
/// </summary>
public class ThemeBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ColoursUnderAA_AreRefusedOnThePage_AndAThemedHomeIsAxeClean()
    {
        var admin = await app.SignedInAsync(Role.Admin, "Thea Theme");
        await admin.GotoAsync($"{app.BaseAddress}/newsroom/settings");
        await admin.GetByLabel("Accent colour", new() { Exact = true }).FillAsync("#f5b800");
        await admin.GetByLabel("Background colour", new() { Exact = true }).FillAsync("#ffffff");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        var error = admin.Locator("#err-accentColor");
        await Assertions.Expect(error).ToContainTextAsync("(#f5b800 on #ffffff) have a contrast of 1.7:1; WCAG AA needs at least 4.5:1");
        await Assertions.Expect(admin.GetByLabel("Accent colour", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertNoViolationsAsync(admin, "the settings page refusing colours");

        await admin.GetByLabel("Accent colour", new() { Exact = true }).FillAsync("#0b5e3c");
        await admin.GetByLabel("Text on the accent colour").FillAsync("#ffffff");
        await admin.GetByLabel("Background colour", new() { Exact = true }).FillAsync("#f7f5ee");
        await admin.GetByLabel("Bookish: a sturdy text serif with a humanist sans").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await admin.WaitForURLAsync("**/newsroom/settings?done=saved");
        await admin.Context.CloseAsync();

        var home = await app.OpenAsync("/", bypassCsp: true); // axe is injected
        Assert.Equal("rgb(247, 245, 238)", await home.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        Assert.Contains("Charter", await home.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        await Axe.AssertNoViolationsAsync(home, "the home page with a custom theme");
        await home.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))");
        // Kept for people to look at (docs/screenshots/themed-home-1280.png is one such shot).
        var shots = Environment.GetEnvironmentVariable("MASTHEAD_SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();
        await home.ScreenshotAsync(new() { Path = Path.Combine(shots, "themed-home-1280.png") });
        await home.CloseAsync();
    }

    private static byte[] Mark(double[] colour) => NetVips.Image.Black(400, 400, bands: 3).Linear(new double[] { 1, 1, 1 }, colour)
        .Cast(NetVips.Enums.BandFormat.Uchar).WriteToBuffer(".png");

    [Fact]
    public async Task AnAdminChoosesTheLogoFromTheLibraryByClicking_UploadsTheSocialImageThere_AndReadersSeeTheLogo()
    {
        var admin = await app.SignedInAsync(Role.Admin, "Lola Logo");
        var marker = Guid.NewGuid().ToString("N")[..8];
        await admin.GotoAsync($"{app.BaseAddress}/newsroom/media");
        await admin.SetInputFilesAsync("#file", new FilePayload { Name = $"mark-{marker}.png", MimeType = "image/png", Buffer = Mark([20, 90, 160]) });
        await admin.FillAsync("#up-alt", $"The Quire's quill mark {marker}");
        await admin.ClickAsync("#upload-form button[type=submit]");
        await admin.WaitForURLAsync("**uploaded=*");
        var logo = app.WithDb(db => db.Media.Single(m => m.FileName == $"mark-{marker}.png"));

        var served = await admin.GotoAsync($"{app.BaseAddress}/newsroom/settings");
        await NuValidator.AssertValidAsync(await served!.TextAsync(), "the settings page, as served");
        var picker = admin.Locator("#logo-picker");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Choose from the library" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog, new() { Name = "Choose a picture" });
        await dialog.GetByLabel("Find by name, alt text, caption or credit").FillAsync(marker);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(dialog.Locator(".nr-picker__item")).ToHaveCountAsync(1);
        await Axe.AssertNoViolationsAsync(admin, "the settings page with the library dialog open");
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"The Quire's quill mark {marker}" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(admin.Locator("#logo-current")).ToContainTextAsync($"Alt text: “The Quire's quill mark {marker}”");
        await Assertions.Expect(admin.Locator("#logo-current")).ToContainTextAsync("Not saved yet");
        await Assertions.Expect(admin.Locator($"#logo-pick-{logo.Id}")).ToBeCheckedAsync();

        // The social image is uploaded right there (the upload button opens this input's file chooser).
        await admin.SetInputFilesAsync("#f-social-file", new FilePayload { Name = $"share-{marker}.png", MimeType = "image/png", Buffer = Mark([160, 60, 40]) });
        await Assertions.Expect(admin.Locator("#social-status")).ToContainTextAsync($"Uploaded share-{marker}.png to the media library");
        var share = app.WithDb(db => db.Media.Single(m => m.FileName == $"share-{marker}.png"));
        await Assertions.Expect(admin.Locator($"#social-pick-{share.Id}")).ToBeCheckedAsync();
        Assert.Equal("", await admin.InputValueAsync("#f-social-file")); // already in the library: the form does not send it again
        await Axe.AssertNoViolationsAsync(admin, "the settings page with pictures chosen");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await admin.WaitForURLAsync("**/newsroom/settings?done=saved");
        Assert.Equal(1, app.WithDb(db => db.Media.Count(m => m.FileName == $"share-{marker}.png")));
        await Assertions.Expect(admin.Locator("#logo-current")).ToContainTextAsync($"mark-{marker}.png");
        await Assertions.Expect(admin.Locator("#social-current")).ToContainTextAsync($"share-{marker}.png");
        await admin.Context.CloseAsync();

        var home = await app.OpenAsync("/");
        var mark = home.Locator(".masthead__name img.masthead__logo");
        Assert.Equal(Masthead.Core.Media.MediaUrls.Default(Masthead.Core.Media.MediaRef.From(logo)), await mark.GetAttributeAsync("src"));
        Assert.True(await mark.EvaluateAsync<bool>("img => img.decode().then(() => img.naturalWidth > 0, () => false)"));
        await home.CloseAsync();
    }
}
