using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.TestSupport;

/// <summary>Another site's pictures, served on loopback for the tests: one picture (<c>/photos/march.jpg</c>), one text file, a redirect to the picture, and 404 for the rest.</summary>
public sealed class PictureSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string BaseUrl { get; }

    private PictureSite(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<PictureSite> StartAsync(byte[] photo)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/photos/march.jpg", () => Results.Bytes(photo, "image/jpeg"));
        app.MapGet("/notes.txt", () => Results.Text("not a picture at all"));
        app.MapGet("/moved.jpg", () => Results.Redirect("/photos/march.jpg"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PictureSite(app, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
