using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Cluster;
using Masthead.Tests.Support;

namespace Masthead.Tests.Operations;

/// <summary>A node on a PostgreSQL server of the test's own, which the test stops and starts.</summary>
public sealed class AppOnPrivateServer(string dataDirectory, string connectionString) : MastheadAppFactory(dataDirectory, connectionString);

/// <summary>
/// The database stops (as in an outage, or a restart that takes a while) and starts again, under a running node:
/// readiness says so; pages the node rendered still answer (from the page cache, or the last good copy of a page an
/// edit took out of it), except a story taken down meanwhile; everything else is a 503 in the site's words with
/// Retry-After, or a problem on the API. When the server is back, the node recovers on its own: readiness returns and
/// no reader's request fails on a connection the restart broke.
/// </summary>
public class DatabaseOutageTests
{
    [PostgresFact]
    public async Task WhileTheDatabaseIsDown_ReadersGetWhatWasRendered_OrA503_AndTheNodeRecoversByItself()
    {
        await using var server = await PrivatePostgres.StartAsync();
        var app = new AppOnPrivateServer(Directory.CreateTempSubdirectory("masthead-test-").FullName, server.ConnectionString("masthead")) { KeepDataOnDispose = true };
        try
        {
            await app.InitializeAsync();
            // The outage, as readers, the health check and the change follower meet it, is what this test is about.
            app.ExpectLog("The database could not be reached for");
            app.ExpectLog("Health check database with status Unhealthy");
            app.ExpectLog("Could not read content changes");
            var stories = app.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Headline, Path = "/" + a.PrimarySection.Path + "/" + a.Slug }).Take(6).ToList());
            var (cached, edited, takenDown) = (stories[0], stories[1], stories[2]);
            var neverRendered = stories.Skip(3).Select(s => s.Path).ToList();
            var reader = app.Reader();
            foreach (var path in new[] { cached.Path, takenDown.Path })
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);

            // Before the outage: one story taken down, then another read and edited (its page leaves the cache). Had
            // it been read before the takedown, its copy would list the story taken down among related stories, and
            // would not be served either.
            var api = await app.ClientAsAsync(Role.Editor);
            (await api.PostAsync($"/api/admin/articles/{takenDown.Id}/unpublish", ApiJson.Body(new { }))).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(edited.Path)).StatusCode);
            var current = await api.GetAsync($"/api/admin/articles/{edited.Id}");
            (await api.PatchJsonAsync($"/api/admin/articles/{edited.Id}", new { headline = "Edited just before the outage" }, current.Headers.ETag!.Tag))
                .EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/readyz")).StatusCode);

            await server.StopAsync();

            var ready = await reader.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(cached.Path)).StatusCode);

            // The edited story's last good copy: the version before the edit, marked stale and kept out of caches.
            var stale = await reader.GetAsync(edited.Path);
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains(edited.Headline, WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
            Assert.Equal("no-store", stale.Headers.CacheControl?.ToString());
            Assert.True(stale.Headers.Contains("X-Served-Stale"));

            // A story taken down is never brought back by an outage.
            var gone = await reader.GetAsync(takenDown.Path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
            Assert.DoesNotContain(takenDown.Headline, WebUtility.HtmlDecode(await gone.Content.ReadAsStringAsync()));

            var uncached = await reader.GetAsync(neverRendered[0]);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, uncached.StatusCode);
            Assert.Equal("text/html", uncached.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(30), uncached.Headers.RetryAfter?.Delta);
            Assert.Contains("Back in a moment", await uncached.Content.ReadAsStringAsync());

            var problem = await api.GetAsync("/api/admin/articles");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.StatusCode);
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);

            await server.StartAgainAsync();

            // Readiness comes back by itself (asked until it does: how soon depends on the machine, not on Masthead).
            var attempts = 0;
            while ((await reader.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(++attempts < 600, "readiness did not return after the database came back");
                await Task.Delay(100);
            }
            // Every connection the restart broke is replaced without failing a reader: each of these is the first
            // request after the outage for its page, read through the EF pool and the article page's own connections.
            foreach (var path in neverRendered)
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
            var fresh = await reader.GetAsync(edited.Path);
            Assert.Contains("Edited just before the outage", await fresh.Content.ReadAsStringAsync());
            Assert.False(fresh.Headers.Contains("X-Served-Stale"));
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/articles")).StatusCode);

            // A quick restart with no request in between: the pool is full of connections the restart ended.
            var sections = app.WithDb(db => db.Sections.Select(s => "/" + s.Path).ToList());
            await Task.WhenAll(sections.Select(path => reader.GetAsync(path)));
            await server.StopAsync();
            await server.StartAgainAsync();
            foreach (var path in sections)
            {
                var status = (await reader.GetAsync(path + "?page=2")).StatusCode;
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}?page=2 answered {(int)status} after a quick restart");
            }
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(app.DataDirectory, recursive: true);
        }
    }
}
