using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Masthead.Web.Hosting;

/// <summary>
/// Brotli or gzip for public pages, feeds, sitemaps and the APIs, when the reader's browser asks. Compression sits
/// inside the page cache, so a cached page keeps its compressed bytes and a hit costs no compression; the request's
/// Accept-Encoding is first reduced to the one coding it will get ("br", "gzip" or none), so the cache keeps at most
/// three copies of a page instead of one per browser's spelling of the header. The newsroom and member pages are left
/// uncompressed: they carry anti-forgery tokens beside text a visitor can influence, which compression can leak (BREACH).
/// </summary>
public static class Compression
{
    public const string AcceptEncoding = "Accept-Encoding";

    private static readonly string[] Types =
        ["text/html", "text/plain", "text/css", "text/xml", "application/xml", "application/json", "application/problem+json",
         "application/rss+xml", "application/atom+xml", "application/feed+json", "application/manifest+json", "image/svg+xml",
         "application/javascript", "text/javascript"];

    public static IServiceCollection AddMastheadCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Public answers hold nothing secret; the pages that do are excluded by path (see UseMastheadCompression).
            o.EnableForHttps = true;
            o.MimeTypes = Types;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Compressed once per cache miss, so a better ratio is worth the few extra microseconds.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>Before the page cache: one coding per request, so the cache can vary by it.</summary>
    public static IApplicationBuilder UseAcceptEncodingChoice(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var asked = http.Request.Headers.AcceptEncoding.ToString();
        http.Request.Headers.AcceptEncoding = Excluded(http.Request.Path) ? "" : Choose(asked);
        return next(http);
    });

    /// <summary>Inside the page cache and the conditional-GET buffer, so both hold the compressed bytes.</summary>
    public static IApplicationBuilder UseMastheadCompression(this IApplicationBuilder app) => app.UseResponseCompression();

    /// <summary>The coding a request gets: Brotli when accepted, else gzip, else none ("q=0" means refused).</summary>
    public static string Choose(string acceptEncoding)
    {
        string? best = null;
        foreach (var part in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000")) continue;
            var coding = pieces[0].ToLowerInvariant();
            if (coding == "br") return "br";
            if (coding is "gzip" or "x-gzip") best = "gzip";
        }
        return best ?? "";
    }

    /// <summary>A stylesheet, script or drawing from wwwroot: compressed whatever its folder, newsroom included.</summary>
    public static bool IsStaticAsset(PathString path) =>
        path.Value is { } p && (p.EndsWith(".css", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
            || p.EndsWith(".svg", StringComparison.OrdinalIgnoreCase));

    private static bool Excluded(PathString path) =>
        path.StartsWithSegments("/newsroom") || path.StartsWithSegments("/members") || path.StartsWithSegments("/preview");
}
