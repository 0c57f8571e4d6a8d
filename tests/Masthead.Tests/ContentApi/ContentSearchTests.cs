using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.ContentApi;

/// <summary>GET /api/content/v1/search: the site's search for apps, published stories only, fresh after every change.</summary>
public class ContentSearchTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Search = "/api/content/v1/search";

    private async Task<Article> PublishedAsync(string headline, string body)
    {
        var story = await app.StoryAsync(headline, body: body);
        return await app.PublishAsync(story.Id);
    }

    private static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task FindsPublishedStories_WithHighlights_AndFollowsUnpublishAtOnce()
    {
        var client = await app.ContentClientAsync();
        var word = "zanderquill" + Guid.NewGuid().ToString("N")[..6];
        var story = await PublishedAsync($"The {word} ferry returns", $"The {word} ferry crosses the estuary again.");
        var draft = await app.StoryAsync($"A draft about the {word} too", body: $"Unpublished {word} notes.");

        var found = await OkAsync(await client.GetAsync($"{Search}?q={word}"));
        var hit = Assert.Single(found["data"]!.AsArray())!;
        Assert.Equal(story.Id, hit["id"]!.GetValue<int>());
        Assert.Contains($"<mark>{word}</mark>", hit["headlineHtml"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("/", hit["url"]!.GetValue<string>());
        Assert.Equal(1, found["meta"]!["total"]!.GetValue<int>());
        Assert.DoesNotContain(draft.Headline, found.ToJsonString());

        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.UnpublishAsync(story.Id, null, Editor.System, CancellationToken.None)).Value!);
        var after = await OkAsync(await client.GetAsync($"{Search}?q={word}"));
        Assert.Empty(after["data"]!.AsArray());
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("?q=ferry&limit=0", "limit")]
    [InlineData("?q=ferry&page=x", "page")]
    [InlineData("?q=ferry&section=no-such-desk", "section")]
    [InlineData("?q=ferry&publishedAfter=yesterday", "publishedAfter")]
    [InlineData("?q=ferry&colour=blue", "colour")]
    public async Task BadParameters_AreProblemDetailsNamingTheParameter(string query, string field)
    {
        var client = await app.ContentClientAsync();
        var response = await client.GetAsync(Search + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("\"unclosed")]
    [InlineData("NEAR(a b) OR * AND -")]
    [InlineData("ферри 渡し船 🚢")]
    public async Task AnyQuery_GetsAnAnswer_NeverAServerError(string q)
    {
        var client = await app.ContentClientAsync();
        var response = await client.GetAsync($"{Search}?q={Uri.EscapeDataString(q)}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{q}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task WithoutAKey_Refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Reader().GetAsync($"{Search}?q=ferry")).StatusCode);
    }
}
