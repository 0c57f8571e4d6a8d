namespace Masthead.Web.Media;

/// <summary>Bound from <c>Masthead:Media</c>: what the media library accepts and when it makes its files.</summary>
public sealed class MediaOptions
{
    /// <summary>Largest file accepted, in bytes (25 MiB).</summary>
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Most pixels (width × height) a picture may have; decoding needs memory in proportion (100 megapixels).</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Narrowest picture accepted, upright, in pixels: anything smaller looks broken on a phone.</summary>
    public int MinWidth { get; set; } = 200;

    /// <summary>
    /// Make every size of the whole picture while the upload waits (true), or each on its first request (false).
    /// Crops are always made on first request, because they follow the focal point, which can change.
    /// </summary>
    public bool VariantsOnUpload { get; set; } = true;

    /// <summary>Publish AVIF besides WebP, where libvips can encode it.</summary>
    public bool Avif { get; set; } = true;
}
