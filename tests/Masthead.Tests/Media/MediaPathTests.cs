using System.Net;
using System.Net.Sockets;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Media;

/// <summary>The app on real Kestrel, so request lines reach it byte for byte as an attacker would send them.</summary>
public sealed class KestrelMediaAppFactory : MediaAppFactory
{
    public Uri Address { get; private set; } = null!;

    public override Task InitializeAsync()
    {
        // Kestrel says it listens where the test tells it rather than on appsettings.json's Urls: as intended here.
        ExpectLog("Overriding address(es) 'http://localhost:5000'");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return Task.CompletedTask;
    }

    /// <summary>Sends one GET with the path exactly as given and returns the status code and body.</summary>
    public async Task<(int Status, byte[] Body)> RawGetAsync(string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {Address.Authority}\r\nConnection: close\r\n\r\n"));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        var response = buffer.ToArray();
        var headerEnd = response.AsSpan().IndexOf("\r\n\r\n"u8);
        var statusLine = Encoding.ASCII.GetString(response, 0, response.AsSpan().IndexOf("\r\n"u8));
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), response[(headerEnd + 4)..]);
    }
}

/// <summary>Nothing but published picture files can be read through /media, however the path is dressed up.</summary>
public class MediaPathTests(KestrelMediaAppFactory app) : IClassFixture<KestrelMediaAppFactory>
{
    [Theory]
    [InlineData("/media/../masthead.db")]
    [InlineData("/media/%2e%2e/masthead.db")]
    [InlineData("/media/%2e%2e%2fmasthead.db")]
    [InlineData("/media/..%2f..%2fmasthead.db/320.jpg")]
    [InlineData("/media/..%5c..%5cmasthead.db/320.jpg")]
    [InlineData("/media/..\\..\\masthead.db/320.jpg")]
    [InlineData("/media/{key}/..%2f..%2fmasthead.db")]
    [InlineData("/media/{key}/%2e%2e/%2e%2e/masthead.db")]
    [InlineData("/media/{key}/../../masthead.db")]
    [InlineData("/media/{key}/source.jpg")]
    [InlineData("/media/{key}/320.jpg%00.png")]
    [InlineData("/media/{key}/1x1-500-500/..%2f..%2fsource.jpg")]
    [InlineData("/media/.incoming/320.jpg")]
    [InlineData("/media/%2fetc%2fpasswd/320.jpg")]
    [InlineData("/media//etc/passwd")]
    public async Task PathTraversal_IsNotFound(string path)
    {
        var key = await KeyAsync();
        // The picture itself is there, over the same connection kind.
        Assert.Equal(200, (await app.RawGetAsync($"/media/{key}/320.jpg")).Status);

        var (status, body) = await app.RawGetAsync(path.Replace("{key}", key));
        Assert.True(status is 400 or 404, $"{path}: {status}");
        Assert.False(body.AsSpan().StartsWith("SQLite format"u8), $"{path} returned the database");
        Assert.False(body.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]), $"{path} returned a JPEG");
        Assert.DoesNotContain("root:", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    private async Task<string> KeyAsync()
    {
        var existing = app.WithDb(db => db.Media.Select(m => m.StorageKey).FirstOrDefault());
        if (existing is not null) return existing;
        // Straight through the use case: this factory's HTTP clients would not find Kestrel's port.
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UploadMedia>()
            .UploadAsync(new MediaUpload(TestImages.Jpeg(400, 300), "target.jpg"), Editor.System, variantsNow: true, CancellationToken.None);
        return result.Value!.StorageKey;
    }
}
