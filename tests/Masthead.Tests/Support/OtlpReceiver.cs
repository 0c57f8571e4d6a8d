using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Support;

/// <summary>
/// The receiving end of OTLP over gRPC, as an OpenTelemetry collector listens on port 4317: HTTP/2 without TLS on a
/// loopback port, each export's protobuf message kept by service path, answered with an empty success. No collector
/// is packaged for Debian, so this stands in for one; the exporter on the other side is the real one.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string TraceService = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Message)> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public IReadOnlyList<(string Path, byte[] Message)> Exports => [.. _exports];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/{**service}", async (HttpContext http) =>
        {
            // A gRPC message: a compression flag byte, a four-byte big-endian length, then the protobuf bytes.
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var frame = body.ToArray();
            receiver._exports.Enqueue((http.Request.Path, frame.Length >= 5 ? frame[5..] : []));
            http.Response.ContentType = "application/grpc";
            await http.Response.Body.WriteAsync(new byte[5]); // an empty Export…Response
            http.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
