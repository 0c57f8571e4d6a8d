using System.Collections.Concurrent;
using System.Net;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Security;

/// <summary>The app with everything Masthead logs at Information kept (the framework's own categories as shipped).</summary>
public sealed class LogCapturingApp : MastheadAppFactory
{
    public ConcurrentQueue<(string Category, string Message)> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Masthead", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(new Capture(Lines)));
    }

    private sealed class Capture(ConcurrentQueue<(string, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, lines);
        public void Dispose() { }
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format) =>
            lines.Enqueue((category, format(state, e) + (e is null ? "" : " " + e)));
    }
}

/// <summary>
/// Issue 12 #13: a Content API key sent as ?key= (kept for feed readers that cannot send headers) never reaches the
/// log: the request log writes the path without the query string, for good keys, revoked or wrong ones and failures.
/// </summary>
public class ContentKeyLoggingTests(LogCapturingApp app) : IClassFixture<LogCapturingApp>
{
    [Fact]
    public async Task AKeyInTheQueryString_IsNeverWrittenToTheLog()
    {
        var key = await app.NewContentKeyAsync();
        var reader = app.Reader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/content/v1/sections?key={Uri.EscapeDataString(key)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/content/v1/articles/999999?key={Uri.EscapeDataString(key)}")).StatusCode);
        var wrong = key[..^4] + "beef";
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/content/v1/sections?key={Uri.EscapeDataString(wrong)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/content/v1/sections?key={Uri.EscapeDataString(key)}&key={Uri.EscapeDataString(key)}")).StatusCode); // sent twice

        var lines = app.Lines.ToList();
        foreach (var secret in new[] { key, wrong, key[4..20] })
            foreach (var line in lines)
                Assert.False(line.Message.Contains(secret, StringComparison.Ordinal), $"{line.Category} wrote the key: {line.Message}");
        // The request log did write these requests, by their path alone.
        Assert.Contains(lines, l => l.Category == "Masthead.Requests" && l.Message.Contains("GET /api/content/v1/sections 200"));
        Assert.Contains(lines, l => l.Category == "Masthead.Requests" && l.Message.Contains("GET /api/content/v1/sections 401"));
    }
}
