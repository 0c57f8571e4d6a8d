using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>Finding 13's headers: a Permissions-Policy everywhere, a CSP on the OpenAPI description, no-store on admin answers.</summary>
public class ResponseHeaderTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/feed.xml")]
    [InlineData("/newsroom/sign-in")]
    public async Task EveryAnswer_RefusesPowerfulBrowserFeatures(string path)
    {
        var response = await app.Reader().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Permissions-Policy").Single();
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" }) Assert.Contains(feature, policy);
    }

    [Fact]
    public async Task TheOpenApiDescription_HasAContentSecurityPolicy_ThatLoadsNothing()
    {
        var response = await app.Reader().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AdminApiAnswers_AreNeverStored_ButPublicPagesMayBe()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var list = await client.GetAsync("/api/admin/articles");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.CacheControl!.NoStore);
        var refused = await app.Reader().GetAsync("/api/admin/articles");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(refused.Headers.CacheControl!.NoStore);
        Assert.False((await app.Reader().GetAsync("/")).Headers.CacheControl?.NoStore ?? false);
    }
}

/// <summary>Finding 13: the admin API's status filter takes the API's own spelling, and says what it takes when refused.</summary>
public class StatusFilterTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Theory]
    [InlineData("published")]
    [InlineData("Published")]
    [InlineData("inReview")]
    [InlineData("in_review")]
    public async Task TheApisOwnSpelling_Filters(string status)
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var response = await client.GetAsync($"/api/admin/articles?status={status}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.ReadNodeAsync())["items"]!.AsArray();
        var expected = status.Replace("_", "").ToLowerInvariant();
        Assert.All(items, i => Assert.Equal(expected, i!["status"]!.GetValue<string>().ToLowerInvariant()));
    }

    [Theory]
    [InlineData("live")]
    [InlineData("3")]
    public async Task AnUnknownStatus_IsA400_ThatListsTheStatuses(string status)
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var response = await client.GetAsync($"/api/admin/articles?status={status}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadNodeAsync())["errors"]!["status"]![0]!.GetValue<string>();
        Assert.Contains("draft, inReview, changesRequested, approved, scheduled, published, unpublished", message);
    }
}
