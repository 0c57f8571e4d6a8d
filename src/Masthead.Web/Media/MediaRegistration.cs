namespace Masthead.Web.Media;

public static class MediaRegistration
{
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services)
    {
        services.AddSingleton<ImageCodecs>();
        services.AddSingleton<ImagePipeline>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<VariantMaker>();
        services.AddScoped<UploadMedia>();
        services.AddScoped<EditMedia>();
        services.AddScoped<DeleteMedia>();
        return services;
    }
}
