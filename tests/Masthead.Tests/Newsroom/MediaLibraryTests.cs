using System.Net;
using System.Net.Http.Headers;
using Masthead.Core.Accounts;
using Masthead.Tests.Media;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>The newsroom's media library: upload through the page or from script, a clear refusal that saves nothing, describing a picture.</summary>
public class MediaLibraryTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    /// <summary>A page form carries its CSRF token as a field; the script endpoint takes it in a header instead.</summary>
    private static MultipartFormDataContent Form(byte[] file, string name, string? token, string? alt = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        if (alt is not null) form.Add(new StringContent(alt), "alt");
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }

    [Fact]
    public async Task ContributorUploadsThroughTheForm_AndFindsThePictureInTheLibrary()
    {
        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        var token = await contributor.CsrfTokenAsync("/newsroom/media");
        var name = $"harbour-{Guid.NewGuid():N}.jpg";
        var response = await contributor.Http.PostAsync("/newsroom/media?handler=Upload", Form(TestImages.Jpeg(800, 600), name, token, "Boats in a harbour."));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await contributor.GetPageAsync("/newsroom/media?q=" + name);
        var item = Assert.Single(page.QuerySelectorAll(".nr-media-item"));
        Assert.Equal("Boats in a harbour.", item.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(item.QuerySelector("img")!.GetAttribute("src"))).StatusCode);
    }

    [Fact]
    public async Task TheStoryEditorsPicker_FindsPicturesByTheirWords_WithAPreviewThatExists()
    {
        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        var token = await contributor.CsrfTokenAsync("/newsroom/media");
        var marker = Guid.NewGuid().ToString("N")[..10];
        await contributor.Http.PostAsync("/newsroom/media?handler=Upload", Form(TestImages.Jpeg(800, 600), $"pier-{marker}.jpg", token, $"A pier at dusk {marker}"));

        var found = System.Text.Json.Nodes.JsonNode.Parse(await contributor.Http.GetStringAsync($"/newsroom/media/find?q={marker.ToUpperInvariant()}"))!.AsArray();
        var item = Assert.Single(found)!;
        Assert.Equal($"A pier at dusk {marker}", item["alt"]!.GetValue<string>());
        Assert.Equal(800, item["width"]!.GetValue<int>());
        Assert.Matches("^/media/[a-z0-9]{16}/[0-9]+\\.jpg$", item["url"]!.GetValue<string>());
        var preview = await app.Reader().GetAsync(item["preview"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("image/jpeg", preview.Content.Headers.ContentType!.MediaType);

        Assert.Empty(System.Text.Json.Nodes.JsonNode.Parse(await contributor.Http.GetStringAsync("/newsroom/media/find?q=no-such-picture-" + marker))!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await contributor.Http.GetAsync("/newsroom/media/find?q=" + new string('x', 201))).StatusCode);
        // Nobody outside the newsroom can list the library.
        var outside = await app.Visitor().Http.GetAsync($"/newsroom/media/find?q={marker}");
        Assert.NotEqual(HttpStatusCode.OK, outside.StatusCode);
    }

    [Fact]
    public async Task ABadFile_IsRefusedWithItsReason_AndNothingIsSaved()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var before = app.WithDb(db => db.Media.Count());
        var token = await editor.CsrfTokenAsync("/newsroom/media");
        var response = await editor.Http.PostAsync("/newsroom/media?handler=Upload", Form("just some text, not a picture"u8.ToArray(), "notes.jpg", token));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var doc = await Html.ParseAsync(response);
        Assert.Contains("notes.jpg", doc.QuerySelector("#upload-error").Text());
        Assert.Equal(before, app.WithDb(db => db.Media.Count()));

        // The script's endpoint answers with a problem detail and its code.
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/media/upload") { Content = Form("still not a picture"u8.ToArray(), "notes.png", null) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var json = await editor.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("unsupported-type", (await json.ReadNodeAsync())["code"]!.GetValue<string>());
        Assert.Equal(before, app.WithDb(db => db.Media.Count()));
    }

    [Fact]
    public async Task ScriptUpload_NeedsTheCsrfToken_AndReturnsThePicture()
    {
        var author = await app.NewsroomAsAsync(Role.Author);
        var token = await author.CsrfTokenAsync("/newsroom/media");
        var forged = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(640, 480)), "file", "x.jpg" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await author.Http.PostAsync("/newsroom/media/upload", forged)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/media/upload") { Content = Form(TestImages.Jpeg(640, 480), "street.jpg", null, "A wet street.") };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await author.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadNodeAsync();
        Assert.Equal(640, body["width"]!.GetValue<int>());
        Assert.StartsWith("/media/", body["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescribingAPicture_SavesAltCreditAndFocalPoint_OrNamesTheBadField()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var id = app.WithDb(db => db.Media.OrderBy(m => m.Id).First().Id);
        var saved = await editor.SubmitAsync($"/newsroom/media/{id}", "form.nr-form", new() { ["Alt"] = "A new description.", ["Credit"] = "Quire staff", ["FocalX"] = "0.25", ["FocalY"] = "0.75" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var media = app.WithDb(db => db.Media.Single(m => m.Id == id));
        Assert.Equal(("A new description.", "Quire staff", 0.25, 0.75), (media.Alt, media.Credit, media.FocalX, media.FocalY));

        var bad = await editor.SubmitAsync($"/newsroom/media/{id}", "form.nr-form", new() { ["FocalX"] = "3" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(0.25, app.WithDb(db => db.Media.Single(m => m.Id == id).FocalX));
    }

    [Fact]
    public async Task SeveralPicturesAtOnce_AreEachStored_AndAltTextIsLeftForEachToBeDescribed()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var token = await editor.CsrfTokenAsync("/newsroom/media");
        var marker = Guid.NewGuid().ToString("N")[..10];
        var form = Form(TestImages.Jpeg(640, 480), $"set-{marker}-1.jpg", token, "One alt text for two pictures.");
        var second = new ByteArrayContent(TestImages.Png(500, 400));
        second.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(second, "file", $"set-{marker}-2.png");
        form.Add(new StringContent("Photo: Ines Varga"), "credit");

        var response = await editor.Http.PostAsync("/newsroom/media?handler=Upload", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("uploaded=2%20pictures", response.Headers.Location!.ToString());
        var stored = app.WithDb(db => db.Media.Where(m => m.FileName.Contains(marker)).Select(m => new { m.Alt, m.Credit }).ToList());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, m => { Assert.Equal("", m.Alt); Assert.Equal("Photo: Ines Varga", m.Credit); });
    }

    [Fact]
    public async Task APictureInUse_ListsWhereItIsUsed_AndIsNotDeleted_AnUnusedOneIs()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var token = await editor.CsrfTokenAsync("/newsroom/media");
        var marker = Guid.NewGuid().ToString("N")[..10];
        await editor.Http.PostAsync("/newsroom/media?handler=Upload", Form(TestImages.Jpeg(800, 600), $"used-{marker}.jpg", token, "A used picture."));
        await editor.Http.PostAsync("/newsroom/media?handler=Upload", Form(TestImages.Jpeg(800, 600), $"unused-{marker}.jpg", token, "An unused picture."));
        var (used, unused) = app.WithDb(db => (db.Media.Single(m => m.FileName == $"used-{marker}.jpg").Id, db.Media.Single(m => m.FileName == $"unused-{marker}.jpg").Id));
        var story = await app.UseAsync<Masthead.Core.Articles.SaveArticle, Masthead.Core.Articles.Article>(async s => (await s.CreateAsync(new Masthead.Core.Articles.ArticleInput
        {
            Headline = $"A story with a hero {marker}", Section = "news", Bylines = ["wren-ashdown"],
            HeroImage = new Masthead.Core.Articles.HeroImageInput(null, null, null, null, null, null, used),
        }, Editor.System, CancellationToken.None)).Value!);

        var page = await editor.GetPageAsync($"/newsroom/media/{used}");
        var link = Assert.Single(page.QuerySelectorAll("#used-in li a"));
        Assert.Equal($"/newsroom/stories/{story.Id}", link.GetAttribute("href"));
        Assert.Contains(story.Headline, link.TextContent);

        var refused = await editor.PostFormAsync(page.QuerySelector("#delete-form")!, $"/newsroom/media/{used}", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.Contains("still used", again.QuerySelector("#error-summary")!.TextContent);
        Assert.Contains(story.Headline, again.QuerySelector("#used-in")!.TextContent);
        Assert.True(app.WithDb(db => db.Media.Any(m => m.Id == used)));

        var unusedPage = await editor.GetPageAsync($"/newsroom/media/{unused}");
        Assert.Contains("Nothing uses this picture", unusedPage.QuerySelector("#used-in")!.TextContent);
        var deleted = await editor.PostFormAsync(unusedPage.QuerySelector("#delete-form")!, $"/newsroom/media/{unused}", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(app.WithDb(db => db.Media.Any(m => m.Id == unused)));
    }
}
