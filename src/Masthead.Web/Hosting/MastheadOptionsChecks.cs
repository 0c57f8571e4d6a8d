using Microsoft.Extensions.Options;

namespace Masthead.Web.Hosting;

/// <summary>Binds the Masthead settings and refuses to start with values that cannot work, naming the setting.</summary>
public static class MastheadOptionsChecks
{
    public static IServiceCollection AddCheckedMastheadOptions(this IServiceCollection services)
    {
        services.AddOptions<MastheadOptions>()
            .BindConfiguration("Masthead")
            .ValidateDataAnnotations()
            .Validate(o => o.Sitemaps.ArticlesPerFile is >= 1 and <= SitemapOptions.ProtocolLimit,
                $"Masthead:Sitemaps:ArticlesPerFile must be between 1 and {SitemapOptions.ProtocolLimit}.")
            .Validate(o => o.Media.MaxUploadBytes > 0 && o.Media.MaxPixels > 0 && o.Media.MinWidth > 0,
                "Masthead:Media:MaxUploadBytes, MaxPixels and MinWidth must be positive.")
            .Validate(o => o.PageCache.Megabytes > 0 && o.PageCache.StaleCopyMegabytes >= 0,
                "Masthead:PageCache:Megabytes must be positive, and StaleCopyMegabytes 0 (off) or more.")
            .Validate(o => o.ContentApi.RequestsPerMinute > 0, "Masthead:ContentApi:RequestsPerMinute must be positive.")
            .Validate(o => o.Webhooks.MaxAttempts is >= 1 and <= 50 && o.Webhooks.FirstRetrySeconds > 0
                && o.Webhooks.TimeoutSeconds is >= 1 and <= 300 && o.Webhooks.PollSeconds > 0,
                "Masthead:Webhooks: MaxAttempts must be 1–50, TimeoutSeconds 1–300, FirstRetrySeconds and PollSeconds positive.")
            .ValidateOnStart();
        return services;
    }
}
