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

    /// <summary>Disk (default, one node) or S3 (several nodes).</summary>
    public MediaStorageKind Storage { get; set; } = MediaStorageKind.Disk;

    public S3MediaOptions S3 { get; set; } = new();

    /// <summary>How long a picture fetched from another site (pasted into a story) may take to arrive.</summary>
    public int FetchTimeoutSeconds { get; set; } = 20;

    /// <summary>Internal networks (CIDR) a fetched picture may come from; none by default, so a writer cannot reach the server's own network.</summary>
    public List<string> FetchAllowedNetworks { get; set; } = [];

    /// <summary>Where a YouTube video's still is fetched from when a story embeds it; <c>{id}</c> is the video's id.</summary>
    public string YouTubeThumbnailUrl { get; set; } = "https://i.ytimg.com/vi/{id}/hqdefault.jpg";
}

/// <summary>Where pictures' files are kept.</summary>
public enum MediaStorageKind
{
    /// <summary>The node's data folder: right for one node (or several sharing one network folder).</summary>
    Disk,

    /// <summary>An S3-compatible object store every node reaches: right for several nodes.</summary>
    S3,
}

/// <summary>Bound from <c>Masthead:Media:S3</c>: the bucket every node keeps pictures in.</summary>
public sealed class S3MediaOptions
{
    /// <summary>The service's address, e.g. "https://s3.eu-central-1.amazonaws.com" or "http://minio:9000"; empty for AWS's own by region.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "";

    /// <summary>Region the requests are signed for; S3-compatible servers mostly accept any.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key and secret; both empty takes AWS's usual chain (environment, instance role).</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>"host/bucket/key" addresses rather than "bucket.host/key": what most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Folder inside the bucket, e.g. "quire/"; empty for the bucket's root.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// Where readers can fetch the bucket's files directly (a CDN in front of it), e.g. "https://pictures.example.org/".
    /// When set, /media answers each file with a redirect there once the file exists; otherwise the nodes stream it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
