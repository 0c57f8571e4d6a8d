using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.TestSupport;

/// <summary>
/// A video service's stills, served on loopback as YouTube serves them (<c>/vi/{id}/hqdefault.jpg</c>): the ids in
/// <see cref="Available"/> have one, every other answers 404. Counts each request, to show a still is fetched once.
/// </summary>
public sealed class VideoStillSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new();
    public string BaseUrl { get; private set; } = "";
    public ConcurrentDictionary<string, byte> Available { get; } = new();

    /// <summary>The address template Masthead is given (Masthead:Media:YouTubeThumbnailUrl).</summary>
    public string Template => BaseUrl + "/vi/{id}/hqdefault.jpg";

    private VideoStillSite(byte[] still)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/vi/{id}/hqdefault.jpg", (string id) =>
        {
            _requests.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Available.ContainsKey(id) ? Results.Bytes(still, "image/jpeg") : Results.NotFound();
        });
    }

    public static async Task<VideoStillSite> StartAsync(byte[] still)
    {
        var site = new VideoStillSite(still);
        await site._app.StartAsync();
        site.BaseUrl = site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return site;
    }

    public int RequestsFor(string id) => _requests.GetValueOrDefault(id);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
