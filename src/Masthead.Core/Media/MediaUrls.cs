using System.Globalization;
using System.Text.RegularExpressions;

namespace Masthead.Core.Media;

/// <summary>
/// The public address of every published file of a picture, and the strict reading of such an address back.
/// Whole picture: /media/{key}/{width}.{ext}. Crop: /media/{key}/{aspect}-{focalX}-{focalY}/{width}.{ext},
/// focal point in thousandths, so moving the focal point gives new addresses and cached copies never go stale.
/// </summary>
public static partial class MediaUrls
{
    public const string Prefix = "/media";

    public static string For(MediaRef media, ImageFormat format, int width, CropAspect? aspect = null) =>
        For(Folder(media, aspect), format, width);

    /// <summary>The address of one file in a <see cref="Folder"/>: a page naming many widths works the folder out once.</summary>
    public static string For(string folder, ImageFormat format, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"{folder}{width}.{format.Extension()}");

    /// <summary>Where a picture's files (or one crop's) are, ending in "/".</summary>
    public static string Folder(MediaRef media, CropAspect? aspect = null) =>
        aspect is null
            ? $"{Prefix}/{media.Key}/"
            : $"{Prefix}/{media.Key}/{CropFolder(aspect, media.FocalX, media.FocalY)}/";

    /// <summary>The fallback-format file pages use when they can name only one (og:image, a plain img).</summary>
    public static string Default(MediaRef media, CropAspect? aspect = null)
    {
        var widths = MediaVariants.Sizes(media, aspect).Select(s => s.Width).ToList();
        return For(media, media.Fallback.ToImageFormat(), MediaVariants.DefaultWidthFor(widths), aspect);
    }

    public static string CropFolder(CropAspect aspect, double focalX, double focalY) =>
        string.Create(CultureInfo.InvariantCulture, $"{aspect.Name}-{Thousandths(focalX)}-{Thousandths(focalY)}");

    public static int Thousandths(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 1000);

    /// <summary>
    /// Reads the parts of a /media address. Only the exact form <see cref="For"/> writes is accepted (no leading
    /// zeros, no other characters), so one file has one address and no path can point outside the picture's folder.
    /// </summary>
    public static VariantRequest? Parse(string key, string? cropFolder, string file)
    {
        if (!KeyPattern().IsMatch(key)) return null;
        var fileMatch = FilePattern().Match(file);
        if (!fileMatch.Success) return null;
        var width = int.Parse(fileMatch.Groups[1].Value, CultureInfo.InvariantCulture);
        var format = ImageFormats.FromExtension(fileMatch.Groups[2].Value);
        if (format is null || width < 1) return null;
        if (cropFolder is null) return new VariantRequest(key, null, 0, 0, width, format.Value);

        var cropMatch = CropPattern().Match(cropFolder);
        if (!cropMatch.Success) return null;
        var aspect = CropAspect.Named(cropMatch.Groups[1].Value);
        var x = int.Parse(cropMatch.Groups[2].Value, CultureInfo.InvariantCulture);
        var y = int.Parse(cropMatch.Groups[3].Value, CultureInfo.InvariantCulture);
        if (aspect is null || x > 1000 || y > 1000) return null;
        return new VariantRequest(key, aspect, x, y, width, format.Value);
    }

    public static bool IsStorageKey(string key) => KeyPattern().IsMatch(key);

    /// <summary>The picture a site-relative address such as <c>/media/{key}/960.jpg</c> belongs to, or null for any other address.</summary>
    public static string? KeyOf(string url)
    {
        var parts = url.Split('?', 2)[0].Split('/');
        return parts.Length is 4 or 5 && parts[0] == "" && "/" + parts[1] == Prefix
            && Parse(parts[2], parts.Length == 5 ? parts[3] : null, parts[^1]) is { } request ? request.Key : null;
    }

    [GeneratedRegex("^[a-z0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^([1-9][0-9]{0,4})\\.(avif|webp|jpg|png)$", RegexOptions.CultureInvariant)]
    private static partial Regex FilePattern();

    [GeneratedRegex("^([0-9]{1,2}x[0-9]{1,2})-(0|[1-9][0-9]{0,3})-(0|[1-9][0-9]{0,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex CropPattern();
}

/// <summary>A /media address, read: which picture, which crop (focal point in thousandths), which width and format.</summary>
public sealed record VariantRequest(string Key, CropAspect? Aspect, int FocalX, int FocalY, int Width, ImageFormat Format)
{
    /// <summary>The file's path below the media folder, built only from parts that passed <see cref="MediaUrls.Parse"/>.</summary>
    public string RelativePath => Aspect is null
        ? Path.Combine(Key, $"{Width}.{Format.Extension()}")
        : Path.Combine(Key, $"{Aspect.Name}-{FocalX}-{FocalY}", $"{Width}.{Format.Extension()}");

    /// <summary>Whether the picture publishes this file: its current focal point, one of its widths, a format it is served in.</summary>
    public bool IsOfferedBy(MediaRef media, bool avif)
    {
        if (Format == ImageFormat.Avif && !avif) return false;
        if (Format is ImageFormat.Jpeg or ImageFormat.Png && Format != media.Fallback.ToImageFormat()) return false;
        if (Aspect is not null && (FocalX != MediaUrls.Thousandths(media.FocalX) || FocalY != MediaUrls.Thousandths(media.FocalY))) return false;
        return MediaVariants.Sizes(media, Aspect).Any(s => s.Width == Width);
    }
}
