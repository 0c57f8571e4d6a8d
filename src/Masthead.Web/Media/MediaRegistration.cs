using Masthead.Web.Hosting;

namespace Masthead.Web.Media;

public static class MediaRegistration
{
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services, MastheadOptions options)
    {
        services.AddSingleton<ImageCodecs>();
        services.AddSingleton<ImagePipeline>();
        if (options.Media.Storage == MediaStorageKind.S3)
        {
            services.AddSingleton<S3MediaStore>();
            services.AddSingleton<MediaStore>(sp => sp.GetRequiredService<S3MediaStore>());
        }
        else
        {
            services.AddSingleton<MediaStore, DiskMediaStore>();
        }
        services.AddSingleton<ClusterMutex>();
        services.AddSingleton<VariantMaker>();
        services.AddScoped<UploadMedia>();
        services.AddScoped<EditMedia>();
        services.AddScoped<DeleteMedia>();
        services.AddScoped<RemotePictures>();
        services.AddSingleton<VideoThumbnails>();
        services.AddSingleton<Masthead.Core.Body.IEmbedPictures>(sp => sp.GetRequiredService<VideoThumbnails>());
        services.AddHttpClient(RemotePictures.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Masthead-Media/1");
                client.Timeout = Timeout.InfiniteTimeSpan; // each fetch has its own, from Masthead:Media:FetchTimeoutSeconds
            })
            // Redirects are followed a few times: each new connection goes through the guard again.
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var guard = OutboundAddressGuard.From(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MastheadOptions>>().Value.Media.FetchAllowedNetworks,
                    "Masthead:Media:FetchAllowedNetworks");
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = true, MaxAutomaticRedirections = 3, UseCookies = false, UseProxy = false, ConnectCallback = guard.ConnectAsync,
                };
            });
        return services;
    }
}
