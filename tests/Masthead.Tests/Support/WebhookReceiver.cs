using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Support;

/// <summary>
/// A real HTTP server on a loopback port that records every request it gets and answers with the statuses it is
/// told to (200 once they run out), standing in for the system a publication's webhooks go to.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly List<Received> _requests = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<Received> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        // POST for webhooks; PURGE for a cache in front, as Masthead's purge sender asks Varnish.
        app.MapMethods("/{**path}", ["POST", "PURGE"], async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            lock (receiver._requests) receiver._requests.Add(new Received(http.Request.Path, headers, body.ToArray()));
            receiver._arrived.Release();
            return Results.StatusCode(receiver._statuses.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First().TrimEnd('/') + "/hooks/masthead";
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order.</summary>
    public void AnswerWith(params int[] statuses)
    {
        foreach (var status in statuses) _statuses.Enqueue(status);
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived (for the background service, which runs on its own).</summary>
    public async Task WaitForAsync(int count, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        while (Requests.Count < count) await _arrived.WaitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
