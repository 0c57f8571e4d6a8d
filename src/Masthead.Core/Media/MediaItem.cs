namespace Masthead.Core.Media;

/// <summary>
/// A picture in the media library. The uploaded file itself is not kept: what is stored under
/// <see cref="StorageKey"/> is a cleaned master (orientation applied, metadata stripped) from which every
/// published size and crop is made.
/// </summary>
public sealed class MediaItem
{
    public int Id { get; set; }
    /// <summary>Random, URL-safe folder name under the media folder; part of every public URL of the picture.</summary>
    public string StorageKey { get; set; } = "";
    /// <summary>The name the file was uploaded under, for people searching the library; never used as a path.</summary>
    public string FileName { get; set; } = "";
    /// <summary>The type the upload was found to be by its content (image/jpeg, image/png, …).</summary>
    public string ContentType { get; set; } = "";
    /// <summary>Size of the uploaded file in bytes.</summary>
    public long ByteSize { get; set; }
    /// <summary>Width of the stored master in pixels, upright.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>The format served to browsers that take neither AVIF nor WebP.</summary>
    public FallbackFormat Fallback { get; set; }

    public string Alt { get; set; } = "";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    /// <summary>The point crops keep in view, as fractions of width and height (0.5, 0.5 is the centre).</summary>
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;

    public int? UploadedByUserId { get; set; }
    public DateTime UploadedAt { get; set; }
    public DateTime ModifiedAt { get; set; }
}

/// <summary>JPEG for photographs; PNG for pictures uploaded as PNG or GIF, or with transparency.</summary>
public enum FallbackFormat
{
    Jpeg,
    Png,
}
