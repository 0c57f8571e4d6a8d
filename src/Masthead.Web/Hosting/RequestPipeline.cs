using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>The middleware every request passes through, in order; the features' endpoints are mapped after it.</summary>
public static class RequestPipeline
{
    public static WebApplication UseMastheadPipeline(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value;
        UseProxyHeaders(app, settings.Proxy);
        app.UseMiddleware<Observability.RequestLog>();
        // Razor components mark every page for Blazor's enhanced navigation, which Masthead does not use: the header is
        // dropped as the answer starts (cached answers included), so nothing advertises a feature that is not there.
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.Remove("blazor-enhanced-nav");
                return Task.CompletedTask;
            });
            return next(http);
        });
        Observability.Telemetry.UseMetricsEndpoint(app);
        // Browsers keep to https once they have seen it, when the publication's address is https.
        if (settings.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            app.Use((http, next) =>
            {
                if (http.Request.IsHttps) http.Response.Headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                return next(http);
            });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        // Stylesheets and scripts are compressed as they are sent (the newsroom's editor is 590 KB as it stands): they
        // hold nothing secret, unlike the newsroom's pages, and browsers keep them a year, so each is sent rarely.
        app.UseWhen(http => Compression.IsStaticAsset(http.Request.Path), branch => branch.UseResponseCompression());
        app.UseStaticFiles(new StaticFileOptions
        {
            // Asset URLs carry a content hash (?v=…), so browsers may keep them for a year.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseRouting();
        // CORS answers preflight requests before authentication asks them for a key.
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so Content API requests are counted per key; before the cache, so cached answers count too.
        app.UseMiddleware<ContentApi.ContentApiRateLimit>();
        app.UseAcceptEncodingChoice();
        app.UseOutputCache();
        app.UseMiddleware<PublicSite.ConditionalGetMiddleware>();
        app.UseMastheadCompression();
        return app;
    }

    /// <summary>
    /// Behind configured proxies only, the client address and scheme come from X-Forwarded-For and -Proto: so cookies
    /// are Secure behind a TLS-terminating proxy and sign-in limits count real clients. Headers from anyone else are ignored.
    /// </summary>
    private static void UseProxyHeaders(WebApplication app, ProxyOptions proxy)
    {
        if (proxy.KnownProxies.Count == 0 && proxy.KnownNetworks.Count == 0) return;
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies) forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(address));
        foreach (var network in proxy.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        app.UseForwardedHeaders(forwarded);
    }
}
