using System.Net;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Media;

/// <summary>A real picture goes in through the admin API and comes out as every published size, format and type.</summary>
public class MediaUploadTests(MediaAppFactory app) : IClassFixture<MediaAppFactory>
{
    [Fact]
    public async Task Jpeg_IsPublishedAsAvifWebpAndJpeg_InEveryWidthUpToItsOwn()
    {
        var client = await app.ClientAsAsync(Role.Contributor);
        var media = await client.UploadAsync(TestImages.Jpeg(1600, 900), "bands.jpg", alt: "Four coloured bands", caption: "Test card", credit: "Lab");

        Assert.Equal("image/jpeg", media["contentType"]!.GetValue<string>());
        Assert.Equal(1600, media["width"]!.GetValue<int>());
        Assert.Equal(900, media["height"]!.GetValue<int>());
        Assert.Equal("Four coloured bands", media["alt"]!.GetValue<string>());
        Assert.Equal(0.5, media["focalPoint"]!["x"]!.GetValue<double>());
        var sizes = media["sizes"]!.AsArray();
        Assert.Equal([320, 640, 960, 1280, 1600], sizes.Select(s => s!["width"]!.GetValue<int>()));

        foreach (var size in sizes)
        {
            var width = size!["width"]!.GetValue<int>();
            var height = size["height"]!.GetValue<int>();
            foreach (var (field, type, loader) in new[] { ("avif", "image/avif", "heifload"), ("webp", "image/webp", "webpload"), ("fallback", "image/jpeg", "jpegload") })
            {
                var url = size[field]!.GetValue<string>();
                var file = await client.GetFileAsync(url, type);
                var (w, h, found) = TestImages.Describe(file);
                Assert.StartsWith(loader, found);
                Assert.Equal(width, w);
                Assert.InRange(h, height - 1, height + 1);
            }
        }

        // Made during the upload: already on disk before anyone asked.
        var key = media["url"]!.GetValue<string>().Split('/')[2];
        Assert.True(File.Exists(Path.Combine(app.MediaDirectory, key, "320.avif")));
        Assert.True(File.Exists(Path.Combine(app.MediaDirectory, key, "1600.jpg")));
    }

    [Fact]
    public async Task PublishedFiles_AreCachedForAYear_AndAnythingElseIsNotFound()
    {
        var client = await app.ClientAsAsync(Role.Author);
        var media = await client.UploadAsync(TestImages.Jpeg(1000, 600), "cache.jpg");
        var url = media["sizes"]![0]!["webp"]!.GetValue<string>();
        var reader = app.Reader();
        var response = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var key = url.Split('/')[2];
        // Never enlarged; not in a format this picture is served in; not the master; not a crop at an old focal point.
        foreach (var missing in new[] { $"/media/{key}/1280.webp", $"/media/{key}/320.png", $"/media/{key}/source.jpg", $"/media/{key}/0320.webp",
                     $"/media/{key}/16x9-100-500/320.webp", $"/media/{key}/4x3-500-500/320.webp", "/media/aaaaaaaaaaaaaaaa/320.webp" })
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(missing)).StatusCode);
    }

    [Fact]
    public async Task Png_WithTransparency_KeepsPngAsItsFallback()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var media = await client.UploadAsync(TestImages.Png(700, 400, alpha: true), "logo.png");
        Assert.Equal("image/png", media["contentType"]!.GetValue<string>());
        var largest = media["sizes"]!.AsArray()[^1]!;
        Assert.EndsWith("/700.png", largest["fallback"]!.GetValue<string>());
        var png = await app.Reader().GetFileAsync(largest["fallback"]!.GetValue<string>(), "image/png");
        Assert.Equal((700, 400), (TestImages.Describe(png).Width, TestImages.Describe(png).Height));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(largest["fallback"]!.GetValue<string>().Replace(".png", ".jpg"))).StatusCode);
    }

    [Theory]
    [InlineData(".webp", "image/webp", "jpg")]
    [InlineData(".avif", "image/avif", "jpg")]
    [InlineData(".gif", "image/gif", "png")]
    public async Task WebpAvifAndGif_AreAccepted_WithAJpegOrPngFallback(string suffix, string type, string fallback)
    {
        var file = TestImages.Encode(TestImages.Bands(600, 400, true, TestImages.Red, TestImages.Blue), suffix);
        var client = await app.ClientAsAsync(Role.Author);
        var media = await client.UploadAsync(file, "picture" + suffix);
        Assert.Equal(type, media["contentType"]!.GetValue<string>());
        var largest = media["sizes"]!.AsArray()[^1]!;
        Assert.Equal(600, largest["width"]!.GetValue<int>());
        Assert.EndsWith($"/600.{fallback}", largest["fallback"]!.GetValue<string>());
        var served = await app.Reader().GetFileAsync(largest["fallback"]!.GetValue<string>(), fallback == "jpg" ? "image/jpeg" : "image/png");
        Assert.Equal("red", TestImages.Nearest(TestImages.ColourAt(served, 0.25, 0.5)));
        Assert.Equal("blue", TestImages.Nearest(TestImages.ColourAt(served, 0.75, 0.5)));
    }

    [Fact]
    public async Task TypeIsJudgedByContent_APngNamedJpgIsAPng()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var media = await client.UploadAsync(TestImages.Png(500, 300), "actually-a-png.jpg");
        Assert.Equal("image/png", media["contentType"]!.GetValue<string>());
        Assert.Equal("actually-a-png.jpg", media["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metadata_IsStripped_AndTheOrientationApplied()
    {
        const string marker = "GPS-SECRET-4f1c";
        var upload = TestImages.JpegWithExif(marker);
        Assert.Contains(marker, Encoding.Latin1.GetString(upload));

        var client = await app.ClientAsAsync(Role.Editor);
        var media = await client.UploadAsync(upload, "phone.jpg");
        // Stored upright: the 400 × 300 picture was taken on its side.
        Assert.Equal(300, media["width"]!.GetValue<int>());
        Assert.Equal(400, media["height"]!.GetValue<int>());

        var key = media["url"]!.GetValue<string>().Split('/')[2];
        var files = Directory.GetFiles(Path.Combine(app.MediaDirectory, key));
        Assert.Contains(files, f => f.EndsWith("source.jpg", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(marker, Encoding.Latin1.GetString(bytes));
            Assert.DoesNotContain("Exif\0\0", Encoding.Latin1.GetString(bytes));
        }
        var jpeg = await app.Reader().GetFileAsync(media["url"]!.GetValue<string>(), "image/jpeg");
        // Turned clockwise, the red left half is now the top half.
        Assert.Equal("red", TestImages.Nearest(TestImages.ColourAt(jpeg, 0.5, 0.2)));
        Assert.Equal("blue", TestImages.Nearest(TestImages.ColourAt(jpeg, 0.5, 0.8)));
    }

    [Fact]
    public async Task Library_IsSearchable_NewestFirst()
    {
        var client = await app.ClientAsAsync(Role.Contributor);
        var first = await client.UploadAsync(TestImages.Jpeg(400, 300), "harbour-1.jpg", alt: "Boats in the Wexley harbour");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await client.UploadAsync(TestImages.Jpeg(400, 300), "quay.jpg", credit: "Wexley Camera Club");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.UploadAsync(TestImages.Jpeg(400, 300), "unrelated.jpg");

        var list = await (await client.GetAsync("/api/admin/media?q=WEXLEY")).ReadNodeAsync();
        var ids = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<int>()).ToList();
        Assert.Equal([second["id"]!.GetValue<int>(), first["id"]!.GetValue<int>()], ids);
        Assert.Equal(2, list["total"]!.GetValue<int>());
        var item = list["items"]![0]!;
        Assert.Contains("/1x1-500-500/", item["thumbnailUrl"]!.GetValue<string>());
        Assert.StartsWith("Test Contributor", item["uploadedBy"]!["name"]!.GetValue<string>());

        var one = await (await client.GetAsync($"/api/admin/media/{first["id"]}")).ReadNodeAsync();
        Assert.Equal("harbour-1.jpg", one["fileName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/admin/media/999999")).StatusCode);
    }

    [Fact]
    public async Task Readers_CannotUseTheAdminApi()
    {
        var response = await app.Reader().PostAsync("/api/admin/media", MediaRequests.Form(TestImages.Jpeg(400, 300), "x.jpg"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
