using System.Net;

namespace Masthead.Browser.Tests;

/// <summary>Over real HTTP on Kestrel (which sends no body for HEAD): what monitors, link checkers and load balancers ask.</summary>
public class HeadAndHealthTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/culture")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/tag/film")]
    public async Task Head_AnswersLikeGet_WithTheSameHeadersAndNoBody(string path)
    {
        using var http = new HttpClient();
        // HEAD first, on a page nobody has asked for yet in this test, then GET: each must be whole.
        var first = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, app.BaseAddress + path + (path.Contains('?') ? "&" : "?") + "fresh=1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var get = await http.GetAsync(app.BaseAddress + path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, app.BaseAddress + path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.ETag?.ToString(), head.Headers.ETag?.ToString());
        // A HEAD never leaves an empty copy behind for the next reader.
        var again = await http.GetAsync(app.BaseAddress + path);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, (await again.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Healthz_AndReadyz_AnswerForTheLoadBalancer()
    {
        using var http = new HttpClient();
        var alive = await http.GetAsync(app.BaseAddress + "/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var ready = await http.GetAsync(app.BaseAddress + "/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"healthy\"", await ready.Content.ReadAsStringAsync());
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
    }
}
