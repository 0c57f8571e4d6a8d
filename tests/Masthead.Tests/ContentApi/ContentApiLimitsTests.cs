using System.Net;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.ContentApi;

public sealed class LimitedContentApiApp : MastheadAppFactory
{
    public const string AllowedOrigin = "https://app.quire.example";
    protected override bool LoadDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:ContentApi:RequestsPerMinute", "3");
        builder.UseSetting("Masthead:ContentApi:AllowedOrigins:0", AllowedOrigin);
    }
}

/// <summary>The per-key rate limit and the CORS policy from configuration.</summary>
public class ContentApiLimitsTests(LimitedContentApiApp app) : IClassFixture<LimitedContentApiApp>
{
    [Fact]
    public async Task EachKey_HasItsOwnLimit_AndTheFourthRequestIsA429WithRetryAfter()
    {
        var first = await app.ContentClientAsync();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/content/v1/sections")).StatusCode);
        var refused = await first.GetAsync("/api/content/v1/sections");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {refused.Headers.RetryAfter}");

        // Another app's key is counted apart.
        var second = await app.ContentClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/content/v1/sections")).StatusCode);
    }

    [Fact]
    public async Task Cors_AllowsTheConfiguredOrigin_Only_AndAnswersPreflightWithoutAKey()
    {
        var client = await app.ContentClientAsync();
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/content/v1/authors");
        allowed.Headers.Add("Origin", LimitedContentApiApp.AllowedOrigin);
        var response = await client.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LimitedContentApiApp.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = new HttpRequestMessage(HttpMethod.Get, "/api/content/v1/authors");
        other.Headers.Add("Origin", "https://elsewhere.example");
        Assert.False((await client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/content/v1/articles");
        preflight.Headers.Add("Origin", LimitedContentApiApp.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        var answer = await app.Reader().SendAsync(preflight);
        Assert.True(answer.IsSuccessStatusCode, $"preflight: {(int)answer.StatusCode}");
        Assert.Equal(LimitedContentApiApp.AllowedOrigin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", string.Join(",", answer.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }
}
