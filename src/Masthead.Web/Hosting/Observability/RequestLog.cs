using System.Diagnostics;

namespace Masthead.Web.Hosting.Observability;

/// <summary>
/// One line per request at Information ("Masthead.Requests"): method, path, status, milliseconds, and the trace id
/// (also sent back as X-Request-Id, so a reader's report can be found in the log). Health probes and /metrics are left
/// out: they are noise at a load balancer's pace. Turn it off with Logging:LogLevel:Masthead.Requests=Warning.
/// </summary>
public sealed class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("Masthead.Requests");

    /// <summary>The id a request is known by in the log, the X-Request-Id header and a failure's page.</summary>
    public static string IdOf(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

    public async Task InvokeAsync(HttpContext http)
    {
        var id = IdOf(http);
        // Set as the answer starts, after the output cache has copied in a stored answer's headers: a page served from
        // the cache carries this request's id, not the id of the request that rendered it.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers["X-Request-Id"] = id;
            return Task.CompletedTask;
        });
        if (Telemetry.IsProbe(http.Request.Path) || !_log.IsEnabled(LogLevel.Information))
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            _log.LogInformation("{Method} {Path} {Status} {Milliseconds:F1} ms {RequestId}", http.Request.Method, http.Request.Path.Value,
                http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, id);
        }
    }
}
