namespace Masthead.Core.Media;

/// <summary>The formats the media library publishes.</summary>
public enum ImageFormat
{
    Avif,
    Webp,
    Jpeg,
    Png,
}

public static class ImageFormats
{
    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Avif => "avif",
        ImageFormat.Webp => "webp",
        ImageFormat.Jpeg => "jpg",
        _ => "png",
    };

    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Avif => "image/avif",
        ImageFormat.Webp => "image/webp",
        ImageFormat.Jpeg => "image/jpeg",
        _ => "image/png",
    };

    public static ImageFormat? FromExtension(string extension) => extension switch
    {
        "avif" => ImageFormat.Avif,
        "webp" => ImageFormat.Webp,
        "jpg" => ImageFormat.Jpeg,
        "png" => ImageFormat.Png,
        _ => null,
    };

    public static ImageFormat ToImageFormat(this FallbackFormat fallback) =>
        fallback == FallbackFormat.Png ? ImageFormat.Png : ImageFormat.Jpeg;
}
