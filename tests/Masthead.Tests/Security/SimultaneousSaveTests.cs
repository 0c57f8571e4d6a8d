using System.Net;
using System.Net.Sockets;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Masthead.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Security;

/// <summary>
/// Finding 6: saves racing for the same unique value (a headline's slug, a new tag) gave 500s. Now they get distinct
/// slugs and one shared tag, and any clash that still reaches the top is a 409, never a 500; a database that does not
/// answer is a 503 with Retry-After.
/// </summary>
public class SimultaneousSaveTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task StoriesWithTheSameHeadlineAndNewTag_CreatedAtOnce_AllSucceed_WithDistinctSlugs()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsync("/api/admin/articles",
            ApiJson.Body(new { headline = "Same headline from ten desks", section = "news", tags = new[] { "Ten desks at once" } }))));
        foreach (var answer in answers)
            Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var slugs = new List<string>();
        foreach (var answer in answers) slugs.Add((await answer.ReadNodeAsync())["slug"]!.GetValue<string>());
        Assert.Equal(10, slugs.Distinct().Count());
        Assert.Contains("same-headline-from-ten-desks", slugs);
        Assert.Equal(1, app.WithDb(db => db.Tags.Count(t => t.Slug == "ten-desks-at-once")));
    }

    [Fact]
    public void AClashWithAnotherSave_IsA409_AnUnreachableDatabaseA503_AnythingElseA500()
    {
        var unique = new DbUpdateException("save", new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: Tags.Slug'.", 19));
        Assert.Equal(StatusCodes.Status409Conflict, FailureAnswers.Classify(unique).Status);
        var refused = new InvalidOperationException("query", new Npgsql.NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, FailureAnswers.Classify(refused).Status);
        var other = new DbUpdateException("save", new SqliteException("SQLite Error 19: 'FOREIGN KEY constraint failed'.", 19));
        Assert.Equal(StatusCodes.Status500InternalServerError, FailureAnswers.Classify(other).Status);
        Assert.Equal(StatusCodes.Status500InternalServerError, FailureAnswers.Classify(new NullReferenceException()).Status);
    }
}
