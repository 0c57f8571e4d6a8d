using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Masthead.Web.Hosting.Observability;

/// <summary>Bound from <c>Masthead:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Who may read /metrics: addresses or CIDR networks. Loopback only by default; the scraper's network in production.</summary>
    public List<string> MetricsAllowedNetworks { get; set; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>Where to send traces and metrics over OTLP (e.g. "http://otel-collector:4317"); none by default.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Console logs as one JSON object per line (for a log shipper) rather than one readable line each.</summary>
    public bool JsonLogs { get; set; }
}

/// <summary>
/// Logs, metrics and traces for operators: timestamped one-line (or JSON) console logs with the request's trace id,
/// OpenTelemetry metrics for ASP.NET Core, HttpClient, Npgsql, the runtime and Masthead's own (MastheadMetrics, <see cref="QueueGauges"/>), served in
/// Prometheus text at /metrics to allowed addresses, and traces plus metrics over OTLP when an endpoint is set.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddMastheadTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Masthead:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection("Masthead:Telemetry"));

        builder.Logging.ClearProviders();
        if (settings.JsonLogs)
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
                o.IncludeScopes = true;
            });
        else
            builder.Logging.AddSimpleConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
                o.SingleLine = true;
                // Readable lines stay short: the request log and failures name their trace id themselves.
                o.IncludeScopes = false;
            });
        // JSON lines carry the trace and span ids of the request they belong to: the correlation id to search for.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        builder.Services.AddSingleton<QueueGauges>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("masthead", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation()
                    .AddMeter(Masthead.Core.Common.MastheadMetrics.MeterName).AddPrometheusExporter();
                if (settings.OtlpEndpoint is { Length: > 0 } endpoint) m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
        if (settings.OtlpEndpoint is { Length: > 0 } traces)
            otel.WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation().AddNpgsql().AddOtlpExporter(o => o.Endpoint = new Uri(traces)));
        return builder;
    }

    /// <summary>/metrics for allowed addresses only; anyone else gets the site's 404, as if it were not there.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<QueueGauges>(); // its gauges exist once it does
        var settings = app.Configuration.GetSection("Masthead:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var networks = settings.MetricsAllowedNetworks.Select(n => n.Contains('/') ? IPNetwork.Parse(n) : new IPNetwork(IPAddress.Parse(n), IPAddress.Parse(n).GetAddressBytes().Length * 8)).ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path == MetricsPath && http.Connection.RemoteIpAddress is { } address
            && networks.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
        return app;
    }

    public static bool IsProbe(PathString path) => path == "/healthz" || path == "/readyz" || path == MetricsPath;
}
