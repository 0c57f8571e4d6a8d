namespace Masthead.Web.Hosting;

/// <summary>Says every few seconds that this node is alive, with how far it has followed the change record.</summary>
public sealed class ClusterNodeHeartbeat(ClusterNodeProgress progress, ContentChangeFollower follower, ILogger<ClusterNodeHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (follower.Seen >= 0) await progress.ReportAsync(follower.Seen, stoppingToken);
                await Task.Delay(ClusterNodeProgress.HeartbeatEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Could not record this node's progress ({Message}); trying again shortly.", ex.Message);
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
