using System.Net;
using Masthead.Tests.Cluster;
using Masthead.Tests.PublicSite;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Data;

/// <summary>What a PostgreSQL restart does to a node's connections, without restarting the shared test server.</summary>
public class DatabaseRestartTests(UncachedAppFactory app) : IClassFixture<UncachedAppFactory>
{
    [PostgresFact]
    public async Task AfterEveryConnectionIsCut_TheArticlePage_StillAnswersEveryReader()
    {
        app.ExpectLog("Could not read content changes"); // the change follower's connection is cut too, and it says it will retry
        var path = app.WithDb(db => db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published)
            .Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
        var reader = app.Reader();
        // Several readers at once, so several long-lived prepared connections are open and idle.
        var warm = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => reader.GetAsync(path)));
        Assert.All(warm, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // What a restart does to them: the server ends every session but this one.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"));

        for (var i = 0; i < 8; i++) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);

        // Npgsql's own pool still holds the connections this test cut (it checks none on checkout): clear it, so the
        // fixture can drop its database afterwards.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
