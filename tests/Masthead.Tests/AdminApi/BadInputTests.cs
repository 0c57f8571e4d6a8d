using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.AdminApi;

/// <summary>Bad input gets the right status and a precise RFC 9457 problem, and changes nothing.</summary>
public class BadInputTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private int ArticleCount() => app.WithDb(db => db.Articles.Count());

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, params string[] fields)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadNodeAsync();
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        foreach (var field in fields)
        {
            var messages = problem["errors"]?[field]?.AsArray();
            Assert.True(messages is { Count: > 0 }, $"expected an error for '{field}' in {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Create_WithMissingFields_NamesEachField()
    {
        var before = ArticleCount();
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new { standfirst = "No headline or section." }));
        await AssertProblemAsync(response, 400, "headline", "section");
        Assert.Equal(before, ArticleCount());
    }

    [Fact]
    public async Task Create_WithUnknownReferences_NamesEachBadOne()
    {
        var before = ArticleCount();
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "Bad references",
            section = "culture/no-such-section",
            alsoIn = new[] { "news", "nowhere" },
            bylines = new[] { "priya-mahendran", "nobody-at-all" },
            credits = new object[] { new { role = "", name = "Someone" }, new { role = "Pictures", author = "ghost-writer" } },
            heroImage = new { url = "javascript:alert(1)", alt = "x" },
            slug = "Not A Slug",
        }));
        await AssertProblemAsync(response, 400, "section", "alsoIn[1]", "bylines[1]", "credits[0].role", "credits[1].author", "heroImage.url", "slug");
        var detail = (await response.ReadNodeAsync())["errors"]!["section"]![0]!.GetValue<string>();
        Assert.Contains("culture/no-such-section", detail);
        Assert.Equal(before, ArticleCount());
    }

    [Fact]
    public async Task Create_WithOversizedBody_IsRefused()
    {
        var before = ArticleCount();
        var editor = await app.ClientAsAsync(Role.Editor);
        var body = new string('a', 200_001);
        var response = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new { headline = "Too long", section = "news", bylines = new[] { "wren-ashdown" }, body }));
        await AssertProblemAsync(response, 400, "body");

        var huge = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new { headline = "Far too long", section = "news", body = new string('b', 1_200_000) }));
        await AssertProblemAsync(huge, 413);
        Assert.Equal("body-too-large", (await huge.ReadNodeAsync())["code"]?.GetValue<string>());
        Assert.Equal(before, ArticleCount());
    }

    [Theory]
    [InlineData("{\"headline\": \"Unclosed", "Malformed JSON")]
    [InlineData("[1,2,3]", "Malformed JSON")]
    [InlineData("{\"headline\": 42}", "$.headline")]
    [InlineData("{\"headlin\": \"typo\"}", "headlin")]
    [InlineData("null", "not null")]
    public async Task Create_WithMalformedJson_SaysWhatIsWrong_WithItsCode(string json, string expected)
    {
        var before = ArticleCount();
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/articles", new StringContent(json, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, 400);
        var problem = await response.ReadNodeAsync();
        Assert.Contains(expected, problem["title"]!.GetValue<string>() + " " + problem["detail"]!.GetValue<string>());
        Assert.Equal("malformed-body", problem["code"]?.GetValue<string>());
        Assert.Equal(before, ArticleCount());
    }

    [Fact]
    public async Task Create_WithoutJsonContentType_Is415()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/articles", new StringContent("headline=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(response, 415);
        Assert.Equal("unsupported-content-type", (await response.ReadNodeAsync())["code"]?.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer mh_not-a-real-token")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("Bearer ")]
    public async Task Requests_WithoutAValidToken_Get401(string? authorization)
    {
        var before = ArticleCount();
        var client = app.Reader();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/articles") { Content = ApiJson.Body(new { headline = "x", section = "news" }) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.SendAsync(request);
        await AssertProblemAsync(response, 401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, ArticleCount());
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        var token = await app.NewTokenAsync(Role.Author);
        var editor = app.Reader();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/admin/tags")).StatusCode);
        var hash = AccountService.HashToken(token);
        await app.WithDbAsync(async db =>
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.TokenHash == hash);
            stored.RevokedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        await AssertProblemAsync(await editor.GetAsync("/api/admin/tags"), 401);
    }

    [Fact]
    public async Task Update_WithoutIfMatch_Is428_AndWithAStaleOne_Is412_AndNothingChanges()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Two editors at once", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        var id = created["id"]!.GetValue<int>();
        var first = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();

        var unconditional = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "No precondition" }, null);
        await AssertProblemAsync(unconditional, 428);
        Assert.Equal("if-match-required", (await unconditional.ReadNodeAsync())["code"]?.GetValue<string>());

        var save = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "First editor's headline" }, first);
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.NotEqual(first, save.Headers.ETag!.ToString());

        var stale = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "Second editor's headline" }, first);
        await AssertProblemAsync(stale, 412);
        var another = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "Wrong article" }, "\"999999-1\"");
        await AssertProblemAsync(another, 412);
        Assert.Equal("etag-of-another-article", (await another.ReadNodeAsync())["code"]?.GetValue<string>());

        var now = await (await editor.GetAsync($"/api/admin/articles/{id}")).ReadNodeAsync();
        Assert.Equal("First editor's headline", now["headline"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailedUpdate_LeavesTheSavedArticleIntact()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Keep me whole", section = "news", bylines = new[] { "wren-ashdown" }, body = "Saved body." }, 201);
        var id = created["id"]!.GetValue<int>();
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();

        var bad = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { headline = "Changed", body = "New body", section = "nowhere", bylines = new[] { "nobody" } }, etag);
        await AssertProblemAsync(bad, 400, "section", "bylines[0]");

        var after = await editor.GetAsync($"/api/admin/articles/{id}");
        Assert.Equal(etag, after.Headers.ETag!.ToString());
        var json = await after.ReadNodeAsync();
        Assert.Equal("Keep me whole", json["headline"]!.GetValue<string>());
        Assert.Equal("Saved body.", json["body"]!.GetValue<string>());
        Assert.Equal("wren-ashdown", json["bylines"]![0]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schedule_InThePast_IsRefused()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Back to the future", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        var response = await editor.PostAsync($"/api/admin/articles/{created["id"]}/schedule", ApiJson.Body(new { publishAt = DateTimeOffset.UtcNow.AddDays(-1) }));
        await AssertProblemAsync(response, 400, "publishAt");
    }

    [Fact]
    public async Task UnknownArticle_Is404Problem()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await AssertProblemAsync(await editor.GetAsync("/api/admin/articles/987654"), 404);
        await AssertProblemAsync(await editor.PostAsync("/api/admin/articles/987654/publish", ApiJson.Body(new { })), 404);
        await AssertProblemAsync(await editor.GetAsync("/api/admin/no-such-endpoint"), 404);
    }

    [Fact]
    public async Task DuplicateSlugs_AreRefused()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await AssertProblemAsync(await editor.PostAsync("/api/admin/sections", ApiJson.Body(new { name = "UK", parent = "news" })), 400, "slug");
        await AssertProblemAsync(await editor.PostAsync("/api/admin/sections", ApiJson.Body(new { name = "API", slug = "api" })), 400, "slug");
        await AssertProblemAsync(await editor.PostAsync("/api/admin/authors", ApiJson.Body(new { name = "Someone", slug = "wren-ashdown" })), 400, "slug");
        var first = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Same headline twice", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        var second = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Same headline twice", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        Assert.NotEqual(first["slug"]!.GetValue<string>(), second["slug"]!.GetValue<string>());
        await AssertProblemAsync(await editor.PostAsync("/api/admin/articles", ApiJson.Body(new { headline = "x", slug = first["slug"]!.GetValue<string>(), section = "news", bylines = new[] { "wren-ashdown" } })), 400, "slug");
    }
}
