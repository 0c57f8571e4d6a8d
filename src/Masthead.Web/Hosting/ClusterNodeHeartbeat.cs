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
        catch (Exception ex) when (ex is ObjectDisposedException || cancellationToken.IsCancellationRequested)
        {
            // The host stopped waiting for this (a slow shutdown on a loaded machine): its services may be disposed and
            // its database already gone. Nothing is lost: the row stops counting once its last heartbeat is GoneAfter
            // old, as a killed node's does.
            logger.LogInformation("This node's progress row is left to age out: the host shut down before it was removed.");
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not remove this node's progress row as it stopped ({Message}).", ex.Message);
        }
    }
}
