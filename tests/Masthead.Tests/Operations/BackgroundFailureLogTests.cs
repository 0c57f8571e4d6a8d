using System.Collections.Concurrent;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Masthead.Tests.Operations;

/// <summary>
/// A scheduler that keeps failing is an outage of its own, so a failed pass must show at the default log level and say
/// what happens next. The database itself refuses to publish (a trigger), as a broken or full database would.
/// </summary>
public class BackgroundFailureLogTests
{
    [Fact]
    public async Task AFailingSchedulerPass_IsLoggedAtWarning_SayingItWillTryAgain()
    {
        var app = new MastheadAppFactory();
        try
        {
            await app.InitializeAsync();
            // The trigger goes in first, so the app's own scheduler cannot publish the story in between.
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
                ? """
                  CREATE FUNCTION refuse_publishing() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'publishing refused by the test'; END $$ LANGUAGE plpgsql;
                  CREATE TRIGGER refuse_publishing BEFORE UPDATE ON "Articles" FOR EACH ROW WHEN (NEW."Status" = 'Published') EXECUTE FUNCTION refuse_publishing();
                  """
                : """
                  CREATE TRIGGER refuse_publishing BEFORE UPDATE OF Status ON Articles WHEN NEW.Status = 'Published'
                  BEGIN SELECT RAISE(ABORT, 'publishing refused by the test'); END;
                  """));
            var story = await app.StoryAsync("Due while the database refuses");
            var at = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
            var scheduled = await app.UseAsync<ArticleWorkflow, Core.Common.Result<Article>>(w => w.ScheduleAsync(story.Id, at, null, Editor.System, CancellationToken.None));
            Assert.Equal(ArticleStatus.Scheduled, scheduled.Value!.Status);
            app.Clock.Advance(TimeSpan.FromMinutes(10));

            var log = new CapturedLog<ScheduledPublisher>();
            using var scheduler = new ScheduledPublisher(app.Services.GetRequiredService<IServiceScopeFactory>(), log);
            await scheduler.StartAsync(CancellationToken.None); // the first pass runs at once
            var entry = await log.FirstAsync(e => e.Level >= LogLevel.Warning);
            await scheduler.StopAsync(CancellationToken.None);

            Assert.Equal(LogLevel.Warning, entry.Level);
            Assert.Contains("Scheduled publishing pass failed", entry.Message);
            Assert.Contains("the next tick tries again", entry.Message);
            Assert.DoesNotContain("\n", entry.Message); // one line, not a stack trace
            Assert.Equal(ArticleStatus.Scheduled, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Status));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    /// <summary>What a logger was given, for a test to read: the observer, not a stand-in for anything under test.</summary>
    private sealed class CapturedLog<T> : ILogger<T>
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();
        private readonly SemaphoreSlim _written = new(0);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;

        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> format)
        {
            _entries.Enqueue((level, format(state, exception)));
            _written.Release();
        }

        public async Task<(LogLevel Level, string Message)> FirstAsync(Func<(LogLevel Level, string Message), bool> match)
        {
            while (true)
            {
                if (_entries.FirstOrDefault(match) is { Message: not null } found) return found;
                Assert.True(await _written.WaitAsync(TimeSpan.FromMinutes(5)), "nothing was logged");
            }
        }
    }
}
