using System.Net;
using System.Text;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Masthead.Tests.Operations;

/// <summary>
/// With Masthead:Telemetry:OtlpEndpoint set, traces go to the collector over OTLP: a reader's request arrives as a
/// span of the "masthead" service named by its route, and /healthz and /readyz (asked every few seconds by a load
/// balancer) are left out.
/// </summary>
public class TraceExportTests
{
    private sealed class TracedApp(string endpoint) : MastheadAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Masthead:Telemetry:OtlpEndpoint", endpoint);
        }
    }

    [Fact]
    public async Task ARequest_IsExportedAsASpan_ToTheCollector_AndProbesAreNot()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var app = new TracedApp(collector.Url);
        try
        {
            await app.InitializeAsync();
            var story = app.WithDb(db => db.Articles.Where(a => a.Status == Core.Articles.ArticleStatus.Published)
                .Select(a => "/" + a.PrimarySection.Path + "/" + a.Slug).First());
            var reader = app.Reader();
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(story)).StatusCode);
            // The server ends a request's span just after the client has its answer: flush until the story's span
            // has gone out (asked again and again: how soon depends on the machine, not on Masthead).
            string all;
            var attempts = 0;
            while (!(all = string.Concat(collector.Exports.Where(e => e.Path == OtlpReceiver.TraceService).Select(e => Encoding.UTF8.GetString(e.Message))))
                .Contains("GET /{**path}"))
            {
                Assert.True(++attempts < 300, "no span reached the collector; exports: " + string.Join(", ", collector.Exports.Select(e => e.Path)));
                Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(), "the exporter could not flush");
                await Task.Delay(100);
            }
            Assert.Contains("masthead", all);                     // service.name
            Assert.Contains("GET /{**path}", all);                // the span, named by its route
            Assert.DoesNotContain("/readyz", all);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
