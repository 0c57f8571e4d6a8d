using NetVips;

namespace Masthead.Web.Media;

/// <summary>
/// Sets libvips up once for a server that decodes files from strangers, and finds out whether this libvips
/// build can encode AVIF. If it cannot, pages offer WebP and JPEG/PNG only and .avif addresses answer 404.
/// </summary>
public sealed class ImageCodecs
{
    public ImageCodecs(Microsoft.Extensions.Options.IOptions<Hosting.MastheadOptions> options, ILogger<ImageCodecs> logger)
    {
        ConfigureLibvips();
        AvifEncoder = CanEncodeAvif(out var why);
        if (!AvifEncoder) logger.LogWarning("libvips cannot encode AVIF here ({Reason}); pictures are published as WebP and JPEG/PNG only.", why);
        AvifEnabled = AvifEncoder && options.Value.Media.Avif;
    }

    /// <summary>Whether libvips can write AVIF at all.</summary>
    public bool AvifEncoder { get; }

    /// <summary>Whether pictures are published as AVIF: the encoder works and the configuration wants it.</summary>
    public bool AvifEnabled { get; }

    private static readonly object Gate = new();
    private static bool _configured;

    private static void ConfigureLibvips()
    {
        lock (Gate)
        {
            if (_configured) return;
            // Loaders libvips itself marks as unsafe for untrusted input (ImageMagick, MATLAB, …) stay off.
            NetVips.NetVips.BlockUntrusted = true;
            // No operation cache: every picture is processed once, and cached operations would hold open files
            // and memory after a picture is deleted.
            Cache.Max = 0;
            Cache.MaxFiles = 0;
            _configured = true;
        }
    }

    private static bool CanEncodeAvif(out string reason)
    {
        try
        {
            using var probe = Image.Black(16, 16, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
            var bytes = probe.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1, effort: 0);
            var brand = bytes.Length > 12 ? System.Text.Encoding.ASCII.GetString(bytes, 4, 8) : "";
            reason = brand == "ftypavif" ? "" : $"the HEIF encoder wrote '{brand}' instead of an AVIF header";
            return reason.Length == 0;
        }
        catch (VipsException ex)
        {
            reason = ex.Message.Split('\n')[0];
            return false;
        }
    }
}
