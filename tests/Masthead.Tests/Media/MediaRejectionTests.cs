using System.Net;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Media;

/// <summary>Every refused file gets a problem that names what is wrong, and leaves no row and no file behind.</summary>
public class MediaRejectionTests(MediaAppFactory app) : IClassFixture<MediaAppFactory>
{
    private async Task AssertRefusedAsync(HttpContent content, int status, string code, params string[] detailContains)
    {
        var rowsBefore = app.MediaRows();
        var filesBefore = app.MediaEntries();
        var client = await app.ClientAsAsync(Role.Editor);
        var response = await client.PostAsync("/api/admin/media", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadNodeAsync();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        foreach (var part in detailContains) Assert.Contains(part, problem["detail"]!.GetValue<string>());
        Assert.Equal(rowsBefore, app.MediaRows());
        Assert.Equal(filesBefore, app.MediaEntries());
    }

    [Fact]
    public async Task TextFile_NamedJpg_IsRefusedByContent()
    {
        var text = Encoding.UTF8.GetBytes("Dear editor, please find my photo attached.\nRegards, Sam\n");
        await AssertRefusedAsync(MediaRequests.Form(text, "holiday.jpg"), 415, "unsupported-type", "holiday.jpg", "looks like text", "content");
    }

    [Fact]
    public async Task SvgAndHeic_AreRefusedWithAHint()
    {
        var svg = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        await AssertRefusedAsync(MediaRequests.Form(svg, "logo.png"), 415, "unsupported-type", "SVG");
        byte[] heic = [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, 0, 0, 0, 0];
        await AssertRefusedAsync(MediaRequests.Form(heic, "IMG_0001.jpg"), 415, "unsupported-type", "HEIC");
    }

    [Fact]
    public async Task JpegHeaderOnTopOfRubbish_IsUnreadable()
    {
        var fake = new byte[4096];
        new Random(7).NextBytes(fake);
        fake[0] = 0xFF; fake[1] = 0xD8; fake[2] = 0xFF;
        await AssertRefusedAsync(MediaRequests.Form(fake, "broken.jpg"), 422, "unreadable-image", "broken.jpg");
    }

    [Fact]
    public async Task FirstHalfOfAJpeg_IsUnreadable()
    {
        // Its header is whole, so only decoding the rest shows the picture stops halfway.
        var whole = TestImages.Jpeg(900, 600);
        await AssertRefusedAsync(MediaRequests.Form(whole[..(whole.Length / 2)], "half.jpg"), 422, "unreadable-image", "half.jpg");
    }

    [Fact]
    public async Task SixtyBytePng_ThatNamesA400By300Picture_IsUnreadable()
    {
        var cut = TestImages.PngWithTruncatedData(400, 300, totalBytes: 60);
        Assert.Equal(60, cut.Length);
        await AssertRefusedAsync(MediaRequests.Form(cut, "tiny.png"), 422, "unreadable-image", "tiny.png");
    }

    [Fact]
    public async Task PngCutShort_IsUnreadable()
    {
        var whole = TestImages.Png(400, 300);
        await AssertRefusedAsync(MediaRequests.Form(whole[..(whole.Length / 2)], "cut.png"), 422, "unreadable-image", "cut.png");
    }

    [Fact]
    public async Task OversizedFile_IsRefused()
    {
        var big = TestImages.NoisyJpeg(800, 600);
        Assert.True(big.Length > MediaAppFactory.MaxUploadBytes, $"the test file is only {big.Length} bytes");
        await AssertRefusedAsync(MediaRequests.Form(big, "huge.jpg"), 413, "file-too-large", "300 KB");
    }

    [Fact]
    public async Task TooManyPixels_IsRefused_BeforeDecoding()
    {
        var wide = TestImages.Jpeg(3000, 2500);
        Assert.True(wide.Length < MediaAppFactory.MaxUploadBytes, $"the test file is {wide.Length} bytes, over the byte limit");
        await AssertRefusedAsync(MediaRequests.Form(wide, "panorama.jpg"), 422, "too-many-pixels", "3000 × 2500", "7.5 megapixels", "6 megapixels");
    }

    [Fact]
    public async Task TooNarrow_IsRefused()
    {
        await AssertRefusedAsync(MediaRequests.Form(TestImages.Jpeg(150, 400), "icon.jpg"), 422, "too-narrow", "150 pixels wide", "200");
    }

    [Fact]
    public async Task MissingFile_ExtraFields_AndWrongContentType_AreNamed()
    {
        var rowsBefore = app.MediaRows();
        var client = await app.ClientAsAsync(Role.Editor);
        var noFile = new MultipartFormDataContent { { new StringContent("alt only"), "alt" }, { new StringContent("x"), "colour" } };
        var response = await client.PostAsync("/api/admin/media", noFile);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.NotNull(problem["errors"]!["file"]);
        Assert.NotNull(problem["errors"]!["colour"]);

        var json = await client.PostAsync("/api/admin/media", ApiJson.Body(new { url = "https://example.org/a.jpg" }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        var longAlt = MediaRequests.Form(TestImages.Jpeg(400, 300), "ok.jpg", alt: new string('a', 1001));
        var tooLong = await client.PostAsync("/api/admin/media", longAlt);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await tooLong.ReadNodeAsync())["errors"]!["alt"]);
        Assert.Equal(rowsBefore, app.MediaRows());
    }

    [Fact]
    public async Task DatabaseFailure_AfterTheFilesAreMade_LeavesNeitherRowNorFile()
    {
        // The database refuses this one row, after the master and every size are already written: a 500, logged as one.
        app.ExpectLog("POST /api/admin/media failed");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
            ? """
              CREATE FUNCTION refuse_media() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse_media BEFORE INSERT ON "Media" FOR EACH ROW WHEN (NEW."Caption" = 'refuse me') EXECUTE FUNCTION refuse_media();
              """
            : """CREATE TRIGGER refuse_media BEFORE INSERT ON "Media" WHEN NEW."Caption" = 'refuse me' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;"""));
        var rowsBefore = app.MediaRows();
        var filesBefore = app.MediaEntries();

        var client = await app.ClientAsAsync(Role.Editor);
        var response = await client.PostAsync("/api/admin/media", MediaRequests.Form(TestImages.Jpeg(900, 600), "doomed.jpg", caption: "refuse me"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(rowsBefore, app.MediaRows());
        Assert.Equal(filesBefore, app.MediaEntries());

        // The same file with another caption goes through: the failure left nothing in the way.
        await client.UploadAsync(TestImages.Jpeg(900, 600), "doomed.jpg", caption: "fine");
        Assert.Equal(rowsBefore + 1, app.MediaRows());
    }
}
