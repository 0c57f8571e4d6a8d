namespace Masthead.Web.Hosting;

/// <summary>Says every few seconds that this node is alive, with how far it has followed the change record.</summary>
public sealed class ClusterNodeHeartbeat(ClusterNodeProgress progress, ContentChangeFollower follower, ILogger<ClusterNodeHeartbeat> logger)
    : BackgroundService
{
    /// <summary>Beats missed in a row before it is a warning: by then the other nodes count this one as gone.</summary>
    public static readonly int MissedBeforeWarning = (int)(ClusterNodeProgress.GoneAfter / ClusterNodeProgress.HeartbeatEvery);

    /// <summary>How a failed beat is logged, the <paramref name="missed"/>th in a row.</summary>
    public static LogLevel LevelForMissed(int missed) => missed >= MissedBeforeWarning ? LogLevel.Warning : LogLevel.Information;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var missed = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (follower.Seen >= 0) await progress.ReportAsync(follower.Seen, stoppingToken);
                missed = 0;
                await Task.Delay(ClusterNodeProgress.HeartbeatEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One missed beat costs nothing (SQLite's single writer busy with a long import, a database restart):
                // the row counts for GoneAfter. Missing enough in a row that the other nodes would count this one gone
                // is worth an operator's attention.
                missed++;
                logger.Log(LevelForMissed(missed), "Could not record this node's progress ({Message}); trying again shortly.", ex.Message);
                await Task.Delay(ClusterNodeProgress.HeartbeatEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await progress.LeaveAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // Removing the row only tells the other nodes sooner; without it the row stops counting once its last
            // heartbeat is GoneAfter old, as a killed node's does. So a failure here loses nothing and needs no one's
            // attention, whatever its cause: the host gave up waiting (a slow stop), disposed its services, or the
            // database failed this last write (seen as a transient error on a loaded machine).
            logger.LogInformation("This node's progress row is left to age out: it could not be removed as the node stopped ({Message}).", ex.Message);
        }
    }
}
