using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Masthead.Tests.Cluster;

/// <summary>
/// A host that stops slowly (a loaded machine) gives up waiting for its services and disposes them: the heartbeat's
/// last act, removing its node's row, then finds no services. That is the ordinary end of a slow stop, not a fault.
/// </summary>
public class HeartbeatShutdownTests
{
    [Fact]
    public async Task Stopping_after_the_host_disposed_its_services_leaves_the_row_to_age_out_without_a_warning()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var progress = new ClusterNodeProgress(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, Options.Create(new MastheadOptions()));
        await services.DisposeAsync();
        var log = new Recording();
        // The follower is only read while the heartbeat runs; this one never started.
        using var heartbeat = new ClusterNodeHeartbeat(progress, null!, log);

        await heartbeat.StopAsync(CancellationToken.None);

        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(log.Entries, e => e.Message.Contains("left to age out", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_database_that_fails_the_last_write_leaves_the_row_to_age_out_without_a_warning(bool hostGaveUp)
    {
        // A database that cannot be opened stands for one dropped under a slow stop (as a test run drops its own).
        var services = new ServiceCollection()
            .AddDbContext<Masthead.Core.Data.MastheadDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "gone.db")};Mode=ReadWrite"))
            .BuildServiceProvider();
        var progress = new ClusterNodeProgress(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, Options.Create(new MastheadOptions()));
        var log = new Recording();
        using var heartbeat = new ClusterNodeHeartbeat(progress, null!, log);

        await heartbeat.StopAsync(new CancellationToken(canceled: hostGaveUp));

        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("left to age out", StringComparison.Ordinal));
        await services.DisposeAsync();
    }

    [Fact]
    public void A_missed_beat_is_a_warning_only_once_the_other_nodes_would_count_this_one_gone()
    {
        // Three beats of five seconds: the row stops counting after fifteen.
        Assert.Equal(3, ClusterNodeHeartbeat.MissedBeforeWarning);
        Assert.Equal(LogLevel.Information, ClusterNodeHeartbeat.LevelForMissed(1));
        Assert.Equal(LogLevel.Information, ClusterNodeHeartbeat.LevelForMissed(2));
        Assert.Equal(LogLevel.Warning, ClusterNodeHeartbeat.LevelForMissed(3));
        Assert.Equal(LogLevel.Warning, ClusterNodeHeartbeat.LevelForMissed(10));
    }

    private sealed class Recording : ILogger<ClusterNodeHeartbeat>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
