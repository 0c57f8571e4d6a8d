using Masthead.Core.Media;
using NetVips;

namespace Masthead.Web.Media;

/// <summary>What libvips found in an upload's header, before any pixel is decoded.</summary>
public sealed record ImageHeader(string Loader, int Width, int Height, int Orientation)
{
    /// <summary>EXIF orientations 5–8 turn the picture on its side.</summary>
    public bool Turned => Orientation is >= 5 and <= 8;
    public int UprightWidth => Turned ? Height : Width;
    public int UprightHeight => Turned ? Width : Height;
    public long Pixels => (long)Width * Height;
}

/// <summary>The cleaned full-size copy every published file is made from.</summary>
public sealed record MasterImage(int Width, int Height, FallbackFormat Fallback);

/// <summary>
/// Everything libvips does to a picture: reads its header, writes the master (upright, no EXIF, GPS, XMP or
/// comments; the colour profile stays), and makes each published size and crop. Encoding runs at most one
/// picture per core at a time, so a burst of uploads or first views cannot starve page rendering.
/// </summary>
public sealed class ImagePipeline(ImageCodecs codecs)
{
    /// <summary>Twice the widest published size: enough for every size and crop, far smaller than a camera original.</summary>
    public const int MasterMaxWidth = 3840;

    // libvips' largest coordinate; a thumbnail box this tall is limited by width only.
    private const int Unbounded = 10_000_000;

    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));

    public bool AvifEnabled => codecs.AvifEnabled;

    /// <summary>Formats the whole picture and its crops are published in.</summary>
    public IReadOnlyList<ImageFormat> FormatsFor(FallbackFormat fallback) =>
        AvifEnabled ? [ImageFormat.Avif, ImageFormat.Webp, fallback.ToImageFormat()] : [ImageFormat.Webp, fallback.ToImageFormat()];

    /// <summary>Reads only the header; throws <see cref="VipsException"/> when libvips cannot make sense of the file.</summary>
    public static ImageHeader ReadHeader(byte[] content)
    {
        ImageCodecs.EnsureConfigured();
        using var image = Image.NewFromBuffer(content, access: Enums.Access.Sequential);
        var loader = image.Contains("vips-loader") ? (string)image.Get("vips-loader") : "";
        var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;
        return new ImageHeader(loader, image.Width, image.Height, orientation);
    }

    /// <summary>
    /// Decodes every pixel of the upload once and throws <see cref="VipsException"/> when the file is cut short or
    /// damaged. The header alone says nothing about the rest, and the master is made by a shrink-on-load that
    /// skips most of the data and paints whatever is missing grey. libvips' Truncated level refuses a file that
    /// ends early (libjpeg only warns about that) and data the decoder cannot read, but not the harmless
    /// warnings ordinary camera files raise; call it only once the header's size is known to be within limits.
    /// </summary>
    public async Task VerifyDecodesAsync(byte[] content, CancellationToken ct)
    {
        ImageCodecs.EnsureConfigured();
        await _slots.WaitAsync(ct);
        try
        {
            using var image = Image.NewFromBuffer(content, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
            // Any operation that reads every pixel will do; the average streams the picture in strips.
            image.Avg();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Decodes the upload, turns it upright, scales it down to <see cref="MasterMaxWidth"/> if wider, and writes
    /// it to <paramref name="folder"/> as source.jpg or source.png with every metadata block but the colour profile removed.
    /// </summary>
    public async Task<MasterImage> WriteMasterAsync(byte[] content, ImageHeader header, string folder, bool isPngOrGif, CancellationToken ct)
    {
        ImageCodecs.EnsureConfigured();
        await _slots.WaitAsync(ct);
        try
        {
            // thumbnail applies the EXIF orientation and, for JPEG, decodes at a reduced size when it can.
            using var thumb = Image.ThumbnailBuffer(content, Math.Min(header.UprightWidth, MasterMaxWidth), height: Unbounded,
                size: Enums.Size.Down, failOn: Enums.FailOn.Error);
            using var upright = ToDisplayColour(thumb);
            var fallback = isPngOrGif || upright.HasAlpha() ? FallbackFormat.Png : FallbackFormat.Jpeg;
            var path = MasterPath(folder, fallback);
            if (fallback == FallbackFormat.Png) upright.Pngsave(path, compression: 6, keep: Enums.ForeignKeep.Icc);
            else upright.Jpegsave(path, q: 92, optimizeCoding: true, keep: Enums.ForeignKeep.Icc);
            return new MasterImage(upright.Width, upright.Height, fallback);
        }
        finally
        {
            _slots.Release();
        }
    }

    public static string MasterPath(string folder, FallbackFormat fallback) =>
        Path.Combine(folder, fallback == FallbackFormat.Png ? "source.png" : "source.jpg");

    /// <summary>
    /// Makes one width of the whole picture (<paramref name="aspect"/> null) or of a crop around the focal point,
    /// in each of the given formats, to the given paths.
    /// </summary>
    public async Task RenderAsync(string masterPath, MediaRef media, CropAspect? aspect, int width,
        IReadOnlyList<(ImageFormat Format, string Path)> outputs, CancellationToken ct)
    {
        ImageCodecs.EnsureConfigured();
        await _slots.WaitAsync(ct);
        try
        {
            using var resized = Resize(masterPath, media, aspect, width);
            // A file-backed image is read once, front to back; saving it more than once needs it in memory.
            using var inMemory = outputs.Count > 1 ? resized.CopyMemory() : null;
            foreach (var (format, path) in outputs) Save(inMemory ?? resized, format, path);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static Image Resize(string masterPath, MediaRef media, CropAspect? aspect, int width)
    {
        if (aspect is null)
            return Image.Thumbnail(masterPath, width, height: Unbounded, size: Enums.Size.Down);

        var rect = FocalCrop.For(media.Width, media.Height, aspect, media.FocalX, media.FocalY);
        var height = MediaVariants.HeightAt(rect.Width, rect.Height, width);
        using var master = Image.NewFromFile(masterPath);
        using var area = master.ExtractArea(rect.Left, rect.Top, rect.Width, rect.Height);
        // Force: the exact size pages announce, at most half a pixel off the crop's shape.
        return area.ThumbnailImage(width, height: height, size: Enums.Size.Force);
    }

    private static void Save(Image image, ImageFormat format, string path)
    {
        const Enums.ForeignKeep keep = Enums.ForeignKeep.Icc;
        switch (format)
        {
            case ImageFormat.Avif:
                // Effort 2 of 9: about a third of the default's time for files a few percent larger.
                image.Heifsave(path, q: 52, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: keep);
                break;
            case ImageFormat.Webp:
                image.Webpsave(path, q: 78, effort: 4, keep: keep);
                break;
            case ImageFormat.Jpeg:
                image.Jpegsave(path, q: 80, optimizeCoding: true, interlace: true, keep: keep);
                break;
            default:
                image.Pngsave(path, compression: 6, keep: keep);
                break;
        }
    }

    // CMYK, Lab and other working spaces are turned into sRGB, which every browser shows as intended.
    private static Image ToDisplayColour(Image image) =>
        image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw or Enums.Interpretation.Rgb16 or Enums.Interpretation.Grey16
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb);
}
