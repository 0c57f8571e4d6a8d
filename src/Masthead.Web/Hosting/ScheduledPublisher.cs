using Masthead.Core.Articles;

namespace Masthead.Web.Hosting;

/// <summary>Publishes scheduled stories when their time comes, including any that fell due while the app was stopped.</summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var published = await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().PublishDueAsync(stoppingToken);
                if (published > 0) logger.LogInformation("Published {Count} scheduled article(s).", published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Visible at the default level, in one line: a scheduler that keeps failing is an outage of its own.
                logger.LogWarning("Scheduled publishing pass failed ({Error}: {Message}); the next tick tries again.", ex.GetType().Name, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
