using System.IO.Compression;
using System.Net;
using Masthead.Tests.Support;
using Masthead.Web.Hosting;

namespace Masthead.Tests.PublicSite;

/// <summary>
/// Pages, feeds, sitemaps and the APIs go out with Brotli or gzip when asked, the same page whatever the coding, with
/// Vary: Accept-Encoding; the page cache keeps each coding's bytes (a hit answers the same bytes and ETag); the
/// newsroom, whose pages carry anti-forgery tokens, is never compressed, but stylesheets and scripts (its editor too) are.
/// </summary>
public class CompressionTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding.Length > 0) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await app.Reader().SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decode(string? coding, byte[] body)
    {
        if (coding is null) return body;
        using Stream decoder = coding == "br" ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress) : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }

    [Theory]
    [InlineData("article")]
    [InlineData("/")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    public async Task APage_IsTheSameInEveryCoding_AndCompressedWhenAsked(string path)
    {
        if (path == "article")
            path = app.WithDb(db => db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published).Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
        var (plain, plainBody) = await GetAsync(path, "");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);

        foreach (var (asked, expected) in new[] { ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip;q=0.8", "gzip") })
        {
            var (first, firstBody) = await GetAsync(path, asked);
            var (again, againBody) = await GetAsync(path, asked); // from the page cache
            Assert.Equal(expected, first.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", first.Headers.Vary);
            Assert.True(firstBody.Length < plainBody.Length / 2, $"{expected}: {firstBody.Length} bytes of {plainBody.Length}");
            Assert.Equal(plainBody, Decode(expected, firstBody));
            Assert.Equal(firstBody, againBody);
            Assert.Equal(first.Headers.ETag, again.Headers.ETag);
            Assert.NotEqual(plain.Headers.ETag, first.Headers.ETag); // one representation, one ETag
        }
    }

    [Theory]
    [InlineData("/assets/site.css", "br")]
    [InlineData("/newsroom/editor.js", "gzip")]
    public async Task StylesheetsAndScripts_AreCompressedWhenAsked(string path, string coding)
    {
        var (plain, plainBody) = await GetAsync(path, "");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var (packed, packedBody) = await GetAsync(path, coding);
        Assert.Equal(coding, packed.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", packed.Headers.Vary);
        Assert.True(packedBody.Length < plainBody.Length / 2, $"{packedBody.Length} bytes of {plainBody.Length}");
        Assert.Equal(plainBody, Decode(coding, packedBody));
        Assert.Contains("immutable", packed.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task TheNewsroom_IsNeverCompressed()
    {
        var (page, _) = await GetAsync("/newsroom/sign-in", "gzip, br");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(page.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task TheContentApi_IsCompressedWhenAsked()
    {
        var key = await app.NewContentKeyAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/content/v1/sections");
        request.Headers.Add("X-Api-Key", key);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        var response = await app.Reader().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        var json = System.Text.Encoding.UTF8.GetString(Decode("gzip", await response.Content.ReadAsByteArrayAsync()));
        Assert.StartsWith("{", json.TrimStart());
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("GZIP", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("br; q=0.0, gzip;q=0", "")]
    [InlineData("identity", "")]
    [InlineData("", "")]
    public void TheCodingChosen_IsBrotliThenGzip_NeverOneRefused(string asked, string chosen) =>
        Assert.Equal(chosen, Compression.Choose(asked));
}
