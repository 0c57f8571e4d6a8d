using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Media;

/// <summary>The app without the demo and with small limits, so the limits can be hit with small files.</summary>
public class MediaAppFactory : MastheadAppFactory
{
    public const long MaxUploadBytes = 300 * 1024;
    public const long MaxPixels = 6_000_000;

    protected override bool LoadDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Masthead:Media:MaxPixels", MaxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Masthead:Media:MinWidth", "200");
    }

    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    /// <summary>
    /// Every file and folder under the media folder, as paths relative to it; the working folders .incoming and
    /// .trash themselves are left out, anything left inside them is not.
    /// </summary>
    public List<string> MediaEntries() => Directory.Exists(MediaDirectory)
        ? Directory.EnumerateFileSystemEntries(MediaDirectory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(MediaDirectory, p))
            .Where(p => p is not (".incoming" or ".trash"))
            .Order(StringComparer.Ordinal).ToList()
        : [];

    public int MediaRows() => WithDb(db => db.Media.Count());
}

/// <summary>The app with AVIF switched off in configuration, as when libvips cannot encode it.</summary>
public sealed class NoAvifAppFactory : MediaAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:Avif", "false");
    }
}

public static class MediaRequests
{
    public static MultipartFormDataContent Form(byte[] file, string fileName, string? alt = null, string? caption = null, string? credit = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        // What the client claims is ignored; the tests claim JPEG for everything to show it.
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", fileName);
        if (alt is not null) form.Add(new StringContent(alt), "alt");
        if (caption is not null) form.Add(new StringContent(caption), "caption");
        if (credit is not null) form.Add(new StringContent(credit), "credit");
        return form;
    }

    public static async Task<JsonNode> UploadAsync(this HttpClient client, byte[] file, string fileName, string? alt = null, string? caption = null, string? credit = null)
    {
        var response = await client.PostAsync("/api/admin/media", Form(file, fileName, alt, caption, credit));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"upload {fileName}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<byte[]> GetFileAsync(this HttpClient client, string url, string expectedType)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        Assert.Equal(expectedType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
