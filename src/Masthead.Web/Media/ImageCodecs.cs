using NetVips;

namespace Masthead.Web.Media;

/// <summary>
/// Sets libvips up once for a server that decodes files from strangers, and finds out whether this libvips
/// build can encode AVIF. If it cannot, pages offer WebP and JPEG/PNG only and .avif addresses answer 404.
/// </summary>
/// <remarks>
/// libvips is loaded only when a picture is processed. The AVIF probe (which loads it and the AV1 encoder) runs
/// once per libvips binary and its answer is kept in the data folder, so a node that only serves pages never loads
/// libvips at all: that is about 10 MB less resident memory.
/// </remarks>
public sealed class ImageCodecs
{
    public ImageCodecs(Microsoft.Extensions.Options.IOptions<Hosting.MastheadOptions> options, ILogger<ImageCodecs> logger)
    {
        if (!options.Value.Media.Avif) return; // not wanted: no need to load the encoder to find out whether it works
        var remembered = Path.Combine(options.Value.DataDirectory, "avif-probe.txt");
        var binary = LibvipsIdentity();
        var lines = binary is not null && File.Exists(remembered) ? File.ReadAllLines(remembered) : [];
        string why;
        if (lines.Length >= 2 && lines[0] == binary)
        {
            AvifEncoder = lines[1] == "yes";
            why = lines.Length > 2 ? lines[2] : "";
        }
        else
        {
            AvifEncoder = CanEncodeAvif(out why);
            if (binary is not null)
            {
                try { File.WriteAllLines(remembered, [binary, AvifEncoder ? "yes" : "no", why]); }
                catch (IOException) { } // only a shortcut for the next start
                catch (UnauthorizedAccessException) { }
            }
        }
        if (!AvifEncoder) logger.LogWarning("libvips cannot encode AVIF here ({Reason}); pictures are published as WebP and JPEG/PNG only.", why);
        AvifEnabled = AvifEncoder;
    }

    /// <summary>Whether libvips can write AVIF at all.</summary>
    public bool AvifEncoder { get; }

    /// <summary>Whether pictures are published as AVIF: the encoder works and the configuration wants it.</summary>
    public bool AvifEnabled { get; }

    private static readonly object Gate = new();
    private static bool _configured;

    /// <summary>Call before any libvips operation: the settings below must be in place before the first file is read.</summary>
    public static void EnsureConfigured()
    {
        if (Volatile.Read(ref _configured)) return;
        lock (Gate)
        {
            if (_configured) return;
            // Loaders libvips itself marks as unsafe for untrusted input (ImageMagick, MATLAB, …) stay off.
            NetVips.NetVips.BlockUntrusted = true;
            // No operation cache: every picture is processed once, and cached operations would hold open files
            // and memory after a picture is deleted.
            Cache.Max = 0;
            Cache.MaxFiles = 0;
            Volatile.Write(ref _configured, true);
        }
    }

    // The bundled libvips (NetVips.Native) by path, size and date: a different binary is probed afresh. A system
    // libvips cannot be told apart from an upgraded one, so it is probed on every start.
    private static string? LibvipsIdentity()
    {
        var candidates = new[] { Path.Combine(AppContext.BaseDirectory, "libvips.so.42") }
            .Concat(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes"))
                ? Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "runtimes"), "libvips.so.42", SearchOption.AllDirectories) : []);
        var file = candidates.Select(path => new FileInfo(path)).FirstOrDefault(f => f.Exists);
        return file is null ? null : $"{file.FullName} {file.Length} {file.LastWriteTimeUtc:O}";
    }

    private static bool CanEncodeAvif(out string reason)
    {
        EnsureConfigured();
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
