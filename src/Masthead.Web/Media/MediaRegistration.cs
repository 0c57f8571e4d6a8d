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
        return services;
    }
}
