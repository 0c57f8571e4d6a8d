using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.AdminApi;

/// <summary>Each role may do exactly what the permission matrix in the README says, through the API.</summary>
public class RolePermissionTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static object Draft(string headline) => new { headline, standfirst = "Ready to go.", section = "news", bylines = new[] { "wren-ashdown" } };

    [Theory]
    [InlineData(Role.Contributor, false)]
    [InlineData(Role.Author, true)]
    [InlineData(Role.Editor, true)]
    [InlineData(Role.Admin, true)]
    public async Task PublishingOwnDraft_FollowsTheRole(Role role, bool allowed)
    {
        var client = await app.ClientAsAsync(role);
        var created = await client.PostJsonAsync("/api/admin/articles", Draft($"Own draft by {role}"), 201);
        var id = created["id"]!.GetValue<int>();
        foreach (var verb in new[] { "publish", "unpublish" })
        {
            var response = await client.PostAsync($"/api/admin/articles/{id}/{verb}", ApiJson.Body(new { }));
            Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        }
        var schedule = await client.PostAsync($"/api/admin/articles/{id}/schedule", ApiJson.Body(new { publishAt = app.Clock.GetUtcNow().AddDays(1) }));
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, schedule.StatusCode);
        if (!allowed) await client.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);
    }

    [Theory]
    [InlineData(Role.Contributor, false)]
    [InlineData(Role.Author, false)]
    [InlineData(Role.Editor, true)]
    [InlineData(Role.Admin, true)]
    public async Task EditingAndPublishingSomeoneElsesArticle_NeedsEditor(Role role, bool allowed)
    {
        var owner = await app.ClientAsAsync(Role.Contributor);
        var created = await owner.PostJsonAsync("/api/admin/articles", Draft($"Someone else's draft for {role}"), 201);
        var id = created["id"]!.GetValue<int>();
        if (role == Role.Contributor) return; // the same contributor owns it; covered by the publishing test

        var client = await app.ClientAsAsync(role);
        // Someone who may not edit the story cannot read it either (404); the ETag is what its writer would send.
        var read = await client.GetAsync($"/api/admin/articles/{id}");
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, read.StatusCode);
        var etag = $"\"{id}-{app.WithDb(db => db.Articles.Single(a => a.Id == id).Version)}\"";
        var edit = await client.PatchJsonAsync($"/api/admin/articles/{id}", new { standfirst = "An edit." }, etag);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, edit.StatusCode);
        var publish = await client.PostAsync($"/api/admin/articles/{id}/publish", ApiJson.Body(new { }));
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, publish.StatusCode);
    }

    [Theory]
    [InlineData(Role.Contributor, false)]
    [InlineData(Role.Author, false)]
    [InlineData(Role.Editor, true)]
    [InlineData(Role.Admin, true)]
    public async Task ManagingSectionsAuthorsAndTags_NeedsEditor(Role role, bool allowed)
    {
        var client = await app.ClientAsAsync(role);
        var expected = allowed ? HttpStatusCode.Created : HttpStatusCode.Forbidden;
        var suffix = role.ToString().ToLowerInvariant();
        Assert.Equal(expected, (await client.PostAsync("/api/admin/sections", ApiJson.Body(new { name = $"Desk {suffix}", parent = "life" }))).StatusCode);
        Assert.Equal(expected, (await client.PostAsync("/api/admin/authors", ApiJson.Body(new { name = $"Writer {suffix}" }))).StatusCode);
        Assert.Equal(expected, (await client.PostAsync("/api/admin/tags", ApiJson.Body(new { name = $"Topic {suffix}" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/sections")).StatusCode);
    }
}
