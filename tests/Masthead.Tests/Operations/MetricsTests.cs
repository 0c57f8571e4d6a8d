using System.Net;
using System.Text.RegularExpressions;
using Masthead.Tests.Import;
using Masthead.Tests.Security;

namespace Masthead.Tests.Operations;

/// <summary>/metrics in Prometheus text for allowed addresses only, with Masthead's own measurements; every answer has a request id.</summary>
public partial class MetricsTests(ClientAddressAppFactory app) : IClassFixture<ClientAddressAppFactory>
{
    [Fact]
    public async Task Metrics_AreServedToLoopbackOnly_WithThePageCacheAndTheQueues()
    {
        var reader = app.VisitorFrom("127.0.0.1").Http;
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/culture")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/culture")).StatusCode);

        var response = await reader.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(PageCacheLine("hit"), text);
        Assert.Matches(PageCacheLine("miss"), text);
        Assert.Contains("masthead_webhooks_pending", text);
        Assert.Contains("masthead_cdn_purges_pending", text);
        Assert.Contains("http_server_request_duration_seconds", text);

        Assert.Equal(HttpStatusCode.NotFound, (await app.VisitorFrom("203.0.113.9").Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Visitor().Http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task AnImport_ShowsItsProgress_InTheMetrics()
    {
        var report = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"), dryRun: true);
        Assert.False(report.Failed, report.ToString());
        var text = await app.VisitorFrom("127.0.0.1").Http.GetStringAsync("/metrics");
        // Other test classes may import at the same moment in this process, so the phase and count are any import's.
        Assert.Matches(new Regex(@"masthead_import_done\{[^}]*phase=""(reading|pictures|stories|done)""[^}]*\} \d+"), text);
        Assert.Matches(new Regex(@"masthead_import_total\{[^}]*phase=""(reading|pictures|stories|done)""[^}]*\} \d+"), text);
    }

    [Fact]
    public async Task EveryAnswer_CarriesItsOwnRequestId_ToFindItInTheLog_EvenFromTheCache()
    {
        var reader = app.Reader();
        var first = await reader.GetAsync("/");
        var second = await reader.GetAsync("/"); // the front page is in the page cache now
        var id = first.Headers.GetValues("X-Request-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotEqual(id, second.Headers.GetValues("X-Request-Id").Single());
        // Nor does a page advertise Blazor's enhanced navigation, which the site does not use.
        Assert.False(first.Headers.Contains("blazor-enhanced-nav"));
        Assert.False(second.Headers.Contains("blazor-enhanced-nav"));
    }

    private static Regex PageCacheLine(string result) => new($@"masthead_page_cache_requests_total\{{[^}}]*result=""{result}""[^}}]*\}} [1-9]");
}
