using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.AdminApi;

/// <summary>Review, publish gates, embargo, revisions and the activity log, through the admin API.</summary>
public class WorkflowTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task PublishGate_NamesEveryMissingThing_AndPublishesNothing()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Gatekeeping", section = "news", bylines = new[] { "wren-ashdown" },
            heroImage = new { url = "/media/demo/x.jpg" },
        }, 201);
        var id = created["id"]!.GetValue<int>();

        var refused = await editor.PostAsync($"/api/admin/articles/{id}/publish", ApiJson.Body(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.ReadNodeAsync())["errors"]!.AsObject();
        Assert.Equal(["heroImage.alt", "heroImage.credit", "standfirst"], errors.Select(e => e.Key).Order());
        Assert.Equal("draft", (await editor.GetFromJsonNodeAsync($"/api/admin/articles/{id}"))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(created["url"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task Review_RequestChangesWithComment_ThenApprove_IsLogged()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await contributor.PostJsonAsync("/api/admin/articles", new { headline = "For review", standfirst = "S.", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        var id = created["id"]!.GetValue<int>();

        await contributor.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsync($"/api/admin/articles/{id}/approve", ApiJson.Body(new { }))).StatusCode);
        var noComment = await editor.PostAsync($"/api/admin/articles/{id}/request-changes", ApiJson.Body(new { comment = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);

        var sentBack = await editor.PostJsonAsync($"/api/admin/articles/{id}/request-changes", new { comment = "Second source, please." }, 200);
        Assert.Equal("changesRequested", sentBack["status"]!.GetValue<string>());
        await contributor.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);
        var approved = await editor.PostJsonAsync($"/api/admin/articles/{id}/approve", new { }, 200);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsync($"/api/admin/articles/{id}/publish", ApiJson.Body(new { }))).StatusCode);

        var actions = app.WithDb(db => db.AuditEvents.Where(e => e.ArticleId == id).OrderBy(e => e.Id).Select(e => new { e.Action, e.Detail }).ToList());
        Assert.Equal(["created", "submitted for review", "requested changes", "submitted for review", "approved"], actions.Select(a => a.Action));
        Assert.Equal("Second source, please.", actions[2].Detail);
    }

    [Fact]
    public async Task Embargo_HoldsAStoryBack_EvenFromAnEditorOrTheScheduler()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Under embargo", standfirst = "Not yet.", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        var id = created["id"]!.GetValue<int>();
        var until = app.Clock.GetUtcNow().UtcDateTime.AddHours(6);

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/articles/{id}/embargo") { Content = ApiJson.Body(new { until }) };
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(request)).StatusCode);

        var early = await editor.PostAsync($"/api/admin/articles/{id}/publish", ApiJson.Body(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("embargo", await early.Content.ReadAsStringAsync());
        var tooSoon = await editor.PostAsync($"/api/admin/articles/{id}/schedule", ApiJson.Body(new { publishAt = until.AddHours(-1) }));
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);

        await editor.PostJsonAsync($"/api/admin/articles/{id}/schedule", new { publishAt = until }, 200);
        app.Clock.Advance(TimeSpan.FromHours(6).Add(TimeSpan.FromMinutes(1)));
        await app.PublishDueAsync();
        Assert.Equal("published", (await editor.GetFromJsonNodeAsync($"/api/admin/articles/{id}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task EverySave_KeepsARevision_ThatCanBeRestored()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline = "First words", section = "news", bylines = new[] { "wren-ashdown" }, body = "One." }, 201);
        var id = created["id"]!.GetValue<int>();
        var edit = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "Second words", body = "Two." }, $"\"{id}-1\"");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var revisions = app.WithDb(db => db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Version).ToList());
        Assert.Equal(2, revisions.Count);
        Assert.Contains("\"First words\"", revisions[0].Snapshot);
        Assert.Contains("\"Second words\"", revisions[1].Snapshot);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<Masthead.Core.Articles.SaveArticle>()
                .RestoreAsync(id, revisions[0].Id, null, Editor.System, CancellationToken.None);
            Assert.Equal(Masthead.Core.Common.Outcome.Ok, result.Outcome);
        }
        var now = await editor.GetFromJsonNodeAsync($"/api/admin/articles/{id}");
        Assert.Equal("First words", now["headline"]!.GetValue<string>());
        Assert.Equal("One.", now["body"]!.GetValue<string>());
        Assert.Equal(3, app.WithDb(db => db.ArticleRevisions.Count(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task ScheduledStories_ArePublishedExactlyOnce_WhenSeveralNodesRunTheSchedulerTogether()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var at = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var created = await editor.PostJsonAsync("/api/admin/articles", new { headline = $"On the hour {i} {Guid.NewGuid():N}", standfirst = "Due soon.", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
            var id = created["id"]!.GetValue<int>();
            await editor.PostJsonAsync($"/api/admin/articles/{id}/schedule", new { publishAt = at }, 200);
            ids.Add(id);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(31));

        // Four "nodes", each with its own scope and database connection, run their pass at the same moment.
        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(app.PublishDueAsync)));
        while (await app.PublishDueAsync() > 0) { } // a pass that lost a race leaves the rest to the next one
        Assert.True(passes.Sum() <= ids.Count, $"passes reported {string.Join(", ", passes)} publications of {ids.Count} stories");

        var published = app.WithDb(db => db.AuditEvents.Where(e => e.ArticleId != null && ids.Contains(e.ArticleId.Value) && e.Action == "published on schedule")
            .GroupBy(e => e.ArticleId).Select(g => g.Count()).ToList());
        Assert.Equal([1, 1, 1], published);
        foreach (var id in ids)
            Assert.Equal("published", (await editor.GetFromJsonNodeAsync($"/api/admin/articles/{id}"))["status"]!.GetValue<string>());
    }
}
