using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Media;

/// <summary>The media library with its files in an S3-compatible bucket (s3rver on loopback), as several nodes run it.</summary>
public sealed class S3MediaAppFactory : MediaAppFactory
{
    public S3TestServer S3 { get; private set; } = null!;
    public const string Prefix = "quire/";

    public override async Task InitializeAsync()
    {
        S3 = await S3TestServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        S3.Configure(builder, Prefix);
        // Whole-picture sizes made on first request too, so every file here is made by the variant maker.
        builder.UseSetting("Masthead:Media:VariantsOnUpload", "false");
    }

    // xunit disposes a fixture through IAsyncLifetime, whose implementation calls the web factory's own DisposeAsync
    // directly: the server is stopped in the hook that implementation always calls.
    protected override ValueTask StopHelpersAsync() => S3.DisposeAsync();
}

public sealed class S3MediaStoreTests(S3MediaAppFactory app) : IClassFixture<S3MediaAppFactory>
{
    [Fact]
    public async Task Upload_PutsTheMasterInTheBucket_AndEachFileIsMadeThereOnFirstRequest()
    {
        var client = await app.ClientAsAsync(Role.Author);
        var media = await client.UploadAsync(TestImages.Jpeg(1000, 600), "bucket.jpg", alt: "Bands");
        var url = media["sizes"]![0]!["webp"]!.GetValue<string>();
        var key = url.Split('/')[2];
        Assert.Equal([$"{S3MediaAppFactory.Prefix}{key}/source.jpg"], await app.S3.KeysAsync(S3MediaAppFactory.Prefix + key));
        // Nothing of it on the node's own disk but the cached master: another node would have nothing to read there.
        Assert.False(Directory.Exists(Path.Combine(app.MediaDirectory, key)));

        var reader = app.Reader();
        var first = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/webp", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var (width, _, loader) = TestImages.Describe(bytes);
        Assert.Equal(320, width);
        Assert.StartsWith("webpload", loader);
        Assert.Contains($"{S3MediaAppFactory.Prefix}{key}/320.webp", await app.S3.KeysAsync(S3MediaAppFactory.Prefix + key));

        // Served again from the bucket, byte for byte; HEAD tells the length without the body.
        Assert.Equal(bytes, await reader.GetByteArrayAsync(url));
        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);

        // The master is never served, and an address the picture does not publish is not made.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/{key}/source.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/{key}/1600.webp")).StatusCode);
        Assert.DoesNotContain($"{S3MediaAppFactory.Prefix}{key}/1600.webp", await app.S3.KeysAsync(S3MediaAppFactory.Prefix + key));
    }

    [Fact]
    public async Task MovingTheFocalPoint_RemovesTheOldCropsFromTheBucket_AndDeletingRemovesEverything()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var media = await client.UploadAsync(TestImages.Jpeg(1200, 800), "crops.jpg");
        var id = media["id"]!.GetValue<int>();
        var old = Crop(media)["url"]!.GetValue<string>();
        var key = old.Split('/')[2];
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(old)).StatusCode);
        var oldObject = S3MediaAppFactory.Prefix + old["/media/".Length..];
        Assert.Contains(oldObject, await app.S3.KeysAsync(S3MediaAppFactory.Prefix + key));

        var moved = await client.PatchJsonAsync($"/api/admin/media/{id}", new { focalPoint = new { x = 0.25, y = 0.125 } }, null);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var now = Crop(await moved.ReadNodeAsync())["url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(now)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(old)).StatusCode);
        var objects = await app.S3.KeysAsync(S3MediaAppFactory.Prefix + key);
        Assert.DoesNotContain(oldObject, objects);
        Assert.Contains(S3MediaAppFactory.Prefix + now["/media/".Length..], objects);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/admin/media/{id}")).StatusCode);
        Assert.Empty(await app.S3.KeysAsync(S3MediaAppFactory.Prefix + key));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(now)).StatusCode);
    }

    [Fact]
    public async Task ManyAskingForANewFileAtOnce_GetTheSameBytes_AndItIsMadeOnce()
    {
        var client = await app.ClientAsAsync(Role.Author);
        var media = await client.UploadAsync(TestImages.Jpeg(1000, 600), "rush.jpg");
        var url = media["sizes"]![1]!["fallback"]!.GetValue<string>();
        var puts = PutCount(url);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.Reader().GetByteArrayAsync(url)));
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(puts + 1, PutCount(url));
    }

    private int PutCount(string url) =>
        app.S3.StoredCount(S3MediaAppFactory.Prefix + url["/media/".Length..]);

    private static System.Text.Json.Nodes.JsonNode Crop(System.Text.Json.Nodes.JsonNode media) =>
        media["crops"]!.AsArray().First(c => c!["aspect"]!.GetValue<string>() == "16:9")!;
}

/// <summary>A node whose bucket does not answer (nothing listens at its address).</summary>
public sealed class UnreachableBucketAppFactory : MediaAppFactory
{
    // The readiness check failing, and saying why, is what the test is about.
    public UnreachableBucketAppFactory() => ExpectLog("The media bucket could not be listed");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:Storage", "S3");
        builder.UseSetting("Masthead:Media:S3:ServiceUrl", "http://127.0.0.1:9");
        builder.UseSetting("Masthead:Media:S3:Bucket", "nowhere");
        builder.UseSetting("Masthead:Media:S3:AccessKey", "x");
        builder.UseSetting("Masthead:Media:S3:SecretKey", "y");
    }
}

public sealed class MediaStorageReadinessTests(UnreachableBucketAppFactory unreachable, S3MediaAppFactory reachable)
    : IClassFixture<UnreachableBucketAppFactory>, IClassFixture<S3MediaAppFactory>
{
    [Fact]
    public async Task Readiness_SaysWhenTheBucketDoesNotAnswer()
    {
        var down = await unreachable.Reader().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var why = await down.ReadNodeAsync();
        Assert.Equal("unhealthy", why["checks"]!["media"]!["status"]!.GetValue<string>());
        Assert.StartsWith("The media bucket could not be listed", why["checks"]!["media"]!["reason"]!.GetValue<string>());
        Assert.Equal("healthy", why["checks"]!["database"]!["status"]!.GetValue<string>());

        var up = await reachable.Reader().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal("The media bucket answers.", (await up.ReadNodeAsync())["checks"]!["media"]!["reason"]!.GetValue<string>());
    }
}
