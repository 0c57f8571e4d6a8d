using System.Diagnostics.Metrics;

namespace Masthead.Core.Common;

/// <summary>
/// Masthead's own measurements, beside ASP.NET Core's, HttpClient's, Npgsql's and the runtime's: what an on-call person
/// needs to tell a slow cache, a stuck scheduler or a failing sign-in storm from a healthy node. One static meter, so
/// the core's use cases record without knowing who listens; the web host exports it (/metrics, OTLP).
/// </summary>
public static class MastheadMetrics
{
    public const string MeterName = "Masthead";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> PageCacheRequests = Meter.CreateCounter<long>("masthead.page_cache.requests", "{request}",
        "Public pages served, by whether the page cache held them (result=hit|miss).");
    private static readonly Histogram<double> VisibleLagSeconds = Meter.CreateHistogram<double>("masthead.content_change.visible_lag", "s",
        "From a change's commit to this node evicting what it touched.");
    private static readonly Histogram<double> SchedulerLagSeconds = Meter.CreateHistogram<double>("masthead.scheduler.lag", "s",
        "From a story's scheduled time to its publishing.");
    private static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>("masthead.sign_in.failures", "{attempt}",
        "Failed newsroom sign-ins (outcome=wrong|locked_out).");
    private static readonly Histogram<double> SearchSeconds = Meter.CreateHistogram<double>("masthead.search.duration", "s",
        "Time to answer a search.");

    /// <summary>The import running in this process (or the last one), for its progress gauges.</summary>
    private static volatile Import.ImportProgress? _import;

    static MastheadMetrics()
    {
        Meter.CreateObservableGauge("masthead.import.done", () => ImportGauge(p => p.Done), "{item}",
            "Items the running (or last) import has finished in its current phase (phase=reading|pictures|stories|done).");
        Meter.CreateObservableGauge("masthead.import.total", () => ImportGauge(p => p.Total), "{item}",
            "Items in the running (or last) import's current phase.");
    }

    private static IEnumerable<Measurement<long>> ImportGauge(Func<Import.ImportProgress, int> read) =>
        _import is { } progress ? [new Measurement<long>(read(progress), new KeyValuePair<string, object?>("phase", progress.Phase))] : [];

    /// <summary>Progress that also feeds the import gauges, whoever else is told (the newsroom page, the terminal).</summary>
    public static IProgress<Import.ImportProgress> Measured(IProgress<Import.ImportProgress>? inner) => new MeasuredProgress(inner);

    private sealed class MeasuredProgress(IProgress<Import.ImportProgress>? inner) : IProgress<Import.ImportProgress>
    {
        public void Report(Import.ImportProgress value)
        {
            _import = value;
            inner?.Report(value);
        }
    }

    public static void PageCache(bool hit) => PageCacheRequests.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
    public static void VisibleLag(TimeSpan lag) => VisibleLagSeconds.Record(Math.Max(0, lag.TotalSeconds));
    public static void SchedulerLag(TimeSpan lag) => SchedulerLagSeconds.Record(Math.Max(0, lag.TotalSeconds));
    public static void SignInFailed(bool lockedOut) => SignInFailures.Add(1, new KeyValuePair<string, object?>("outcome", lockedOut ? "locked_out" : "wrong"));
    public static void Searched(TimeSpan took) => SearchSeconds.Record(took.TotalSeconds);
}
