using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Core.Media;
using Masthead.Tests.Media;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// The logo and the default social image on the settings page, as a browser without script uses them: a radio list
/// of library pictures, a file uploaded with the form, an address elsewhere, or none. The settings are the whole
/// site's, so this class has an app of its own.
/// </summary>
public class SettingsPicturesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<MediaItem> NewPictureAsync(NewsroomClient admin, string alt)
    {
        var token = await admin.CsrfTokenAsync("/newsroom/media");
        var name = $"mark-{Guid.NewGuid():N}.png";
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png(400, 400));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", name);
        form.Add(new StringContent(alt), "alt");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.PostAsync("/newsroom/media?handler=Upload", form)).StatusCode);
        // The newest in the library, whatever this app's stopped clock says against the demo's pictures (the first-start
        // copy they come from may have been made by an app started later).
        await app.WithDbAsync(async db =>
        {
            var latest = db.Media.Max(m => m.UploadedAt);
            var media = db.Media.Single(m => m.FileName == name);
            if (media.UploadedAt <= latest) media.UploadedAt = latest.AddSeconds(1);
            await db.SaveChangesAsync();
        });
        return app.WithDb(db => db.Media.Single(m => m.FileName == name));
    }

    /// <summary>The settings form as a browser sends it (multipart, since it carries files), with a file in <paramref name="fileField"/>.</summary>
    private static async Task<HttpResponseMessage> PostWithFileAsync(NewsroomClient admin, string fileField, byte[] bytes, string fileName,
        Dictionary<string, string>? fields = null)
    {
        var page = await admin.GetPageAsync("/newsroom/settings");
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in NewsroomClient.FieldsOf(page.QuerySelector("#settings-form")!))
            form.Add(new StringContent(fields?.GetValueOrDefault(name) ?? value), name);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        return await admin.Http.PostAsync("/newsroom/settings", form);
    }

    private string? Stored(Func<Masthead.Core.Publication.PublicationSettings, string?> field) =>
        app.WithDb(db => field(db.Publication.OrderBy(p => p.Id).First()));

    [Fact]
    public async Task WithoutScript_AnAdminPicksALibraryPictureFromTheList_AndReadersSeeItInTheMasthead()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin, "Pia Picker");
        var picture = await NewPictureAsync(admin, "A quill crossed with a key");
        var form = await admin.GetPageAsync("/newsroom/settings");
        Assert.Equal("multipart/form-data", form.QuerySelector("#settings-form")!.GetAttribute("enctype"));
        var radio = form.QuerySelector($"#logo-picker input[type=radio][value='{Id(picture.Id)}']")!;
        Assert.Contains("A quill crossed with a key", form.QuerySelector($"label[for='{radio.Id}']")!.TextContent); // a new picture is among the newest

        var saved = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.LogoPicture"] = Id(picture.Id) });
        Assert.Equal("/newsroom/settings?done=saved", saved.Headers.Location!.OriginalString);
        var url = MediaUrls.Default(MediaRef.From(picture));
        Assert.Equal(url, Stored(p => p.LogoUrl));
        var home = await app.Reader().GetPageAsync("/");
        Assert.Equal(url, home.QuerySelector(".masthead__name img.masthead__logo")!.GetAttribute("src"));

        // The page shows the saved picture as the current one, with its alt text, and its radio button checked.
        var again = await admin.GetPageAsync("/newsroom/settings");
        Assert.Contains("Alt text: “A quill crossed with a key”", again.QuerySelector("#logo-current")!.TextContent);
        Assert.True(again.QuerySelector($"#logo-pick-{picture.Id}")!.HasAttribute("checked"));
        Assert.Equal("", again.QuerySelector("#f-logo")!.GetAttribute("value") ?? "");

        // Saving again with nothing changed keeps the very address stored (a size chosen elsewhere is not rewritten).
        await app.WithDbAsync(async db =>
        {
            db.Publication.OrderBy(p => p.Id).First().LogoUrl = MediaUrls.For(MediaRef.From(picture), ImageFormat.Png, 320);
            await db.SaveChangesAsync();
        });
        var unchanged = await admin.SubmitAsync("/newsroom/settings", "#settings-form", []);
        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.EndsWith("/320.png", Stored(p => p.LogoUrl));
    }

    [Fact]
    public async Task WithoutScript_AFileSentWithTheForm_GoesIntoTheLibrary_AndBecomesTheDefaultSocialImage()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var name = $"share-{Guid.NewGuid():N}.jpg";
        var response = await PostWithFileAsync(admin, "Form.SocialImageFile", TestImages.Jpeg(1200, 630), name);
        Assert.Equal("/newsroom/settings?done=saved", response.Headers.Location!.OriginalString);
        var media = app.WithDb(db => db.Media.Single(m => m.FileName == name));
        Assert.Equal(MediaUrls.Default(MediaRef.From(media)), Stored(p => p.DefaultSocialImageUrl));

        var page = await admin.GetPageAsync("/newsroom/settings");
        Assert.True(page.QuerySelector($"#social-pick-{media.Id}")!.HasAttribute("checked"));
        Assert.Contains("No alt text yet", page.QuerySelector("#social-current")!.TextContent);
        Assert.Equal($"/newsroom/media/{media.Id}", page.QuerySelector("#social-current a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AnUploadWithAFormRefusedForSomethingElse_StaysInTheLibrary_AndStaysChosen()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var name = $"mark-{Guid.NewGuid():N}.png";
        var response = await PostWithFileAsync(admin, "Form.LogoFile", TestImages.Png(300, 300), name, new() { ["Form.TimeZone"] = "Mars/Olympus_Mons" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var media = app.WithDb(db => db.Media.Single(m => m.FileName == name));
        Assert.Contains($"“{name}” went into the media library and is chosen below", page.QuerySelector("p.nr-alert[role=status]")!.TextContent);
        Assert.True(page.QuerySelector($"#logo-pick-{media.Id}")!.HasAttribute("checked"));
        Assert.Contains(name, page.QuerySelector("#logo-current")!.TextContent);
        Assert.NotEqual(MediaUrls.Default(MediaRef.From(media)), Stored(p => p.LogoUrl));
    }

    [Fact]
    public async Task ARefusedFile_IsNamed_WithTheReason_AndNothingChanges()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var response = await PostWithFileAsync(admin, "Form.LogoFile", "not a picture at all"u8.ToArray(), "notes.txt");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.StartsWith("The logo was not uploaded:", page.QuerySelector("#err-logoUrl")!.TextContent);
        Assert.Contains("#err-logoUrl", page.QuerySelector("#logo-picker")!.GetAttribute("aria-describedby")!.Split(' ').Select(id => "#" + id));
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task AnEmptyAddress_AnAddressThatIsNotOne_AndAPictureNoLongerInTheLibrary_EachGetAPreciseMessage()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var before = await DbFingerprint.TakeAsync(app.Services);

        var empty = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.LogoPicture"] = "address", ["Form.LogoUrl"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyPage = await Html.ParseAsync(empty);
        Assert.Equal("Give the address of the logo, starting with https://, or choose “No logo”.", emptyPage.QuerySelector("#err-logoUrl")!.TextContent);
        Assert.True(emptyPage.QuerySelector("#logo-pick-address")!.HasAttribute("checked"));
        Assert.True(emptyPage.QuerySelector("#logo-picker details")!.HasAttribute("open"));

        var ftp = await admin.SubmitAsync("/newsroom/settings", "#settings-form",
            new() { ["Form.SocialImagePicture"] = "address", ["Form.DefaultSocialImageUrl"] = "ftp://files.example/share.jpg" });
        Assert.Equal(HttpStatusCode.BadRequest, ftp.StatusCode);
        var ftpPage = await Html.ParseAsync(ftp);
        Assert.Equal("“ftp://files.example/share.jpg” is not an address the default social image can have: choose a picture from the library, or give an address starting with https://.",
            ftpPage.QuerySelector("#err-defaultSocialImageUrl")!.TextContent);
        Assert.Equal("ftp://files.example/share.jpg", ftpPage.QuerySelector("#f-social")!.GetAttribute("value"));
        Assert.Equal("true", ftpPage.QuerySelector("#f-social")!.GetAttribute("aria-invalid"));

        var gone = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.LogoPicture"] = "999999" });
        Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        Assert.Contains("The picture chosen for the logo is no longer in the media library", (await Html.ParseAsync(gone)).QuerySelector("#err-logoUrl")!.TextContent);

        var made = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.LogoPicture"] = "<b>1</b>" });
        Assert.Equal(HttpStatusCode.BadRequest, made.StatusCode);
        Assert.Contains("is not one of its choices", (await Html.ParseAsync(made)).QuerySelector("#err-logoUrl")!.TextContent);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task AnAddressElsewhere_IsKept_AndNoneClearsIt()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var elsewhere = await admin.SubmitAsync("/newsroom/settings", "#settings-form",
            new() { ["Form.LogoPicture"] = "address", ["Form.LogoUrl"] = "https://cdn.example/quire-mark.png" });
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        var page = await admin.GetPageAsync("/newsroom/settings");
        Assert.True(page.QuerySelector("#logo-pick-address")!.HasAttribute("checked"));
        Assert.Equal("https://cdn.example/quire-mark.png", page.QuerySelector("#f-logo")!.GetAttribute("value"));
        Assert.Contains("https://cdn.example/quire-mark.png", page.QuerySelector("#logo-current")!.TextContent);

        var cleared = await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.LogoPicture"] = "none" });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(Stored(p => p.LogoUrl));
        Assert.Null((await app.Reader().GetPageAsync("/")).QuerySelector(".masthead__logo"));
        Assert.Equal("No logo.", (await admin.GetPageAsync("/newsroom/settings")).QuerySelector("#logo-current")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheLogo_CannotBeDeletedFromTheLibrary_WhileItIsTheLogo()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var picture = await NewPictureAsync(admin, "A second mark");
        await admin.SubmitAsync("/newsroom/settings", "#settings-form", new() { ["Form.LogoPicture"] = Id(picture.Id), ["Form.SocialImagePicture"] = Id(picture.Id) });
        var media = await admin.GetPageAsync($"/newsroom/media/{picture.Id}");
        var uses = media.QuerySelectorAll("#used-in li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("the publication's logo", uses);
        Assert.Contains("the publication's default social image", uses);
        var refused = await admin.PostFormAsync(media.QuerySelector("#delete-form")!, $"/newsroom/media/{picture.Id}", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.True(app.WithDb(db => db.Media.Any(m => m.Id == picture.Id)));
    }

    [Fact]
    public async Task TheFontHint_SaysWhichPairsDownloadFontFiles()
    {
        var admin = await app.NewsroomAsAsync(Role.Admin);
        var hint = (await admin.GetPageAsync("/newsroom/settings")).QuerySelector("#font-hint")!.TextContent;
        Assert.Equal("Classic, Modern and Bookish use fonts already on readers' devices, so pages load no font files. "
            + "Source and Literary use fonts served from this site: readers' browsers download those font files once and keep them.", hint);
    }
}
