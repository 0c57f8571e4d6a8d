using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Media;

/// <summary>
/// Pictures in an S3-compatible bucket that every node shares, under "{prefix}{key}/…" (the same layout as the disk
/// store's folders). A picture's files are uploaded before its row commits, so a row never names missing files; a
/// delete removes the objects after its row is gone. Masters are copied to the node's own disk to make sizes and
/// crops from, and kept there as a cache (they never change under a key).
/// </summary>
public sealed class S3MediaStore : MediaStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly S3MediaOptions _settings;
    // Published files never change, so a length once read stays true; a feed renders without asking the bucket again.
    private readonly ConcurrentDictionary<string, long> _lengths = new(StringComparer.Ordinal);

    public S3MediaStore(IOptions<MastheadOptions> options, TimeProvider time, ILogger<S3MediaStore> logger) : base(options.Value, time, logger)
    {
        _settings = options.Value.Media.S3;
        _s3 = CreateClient(_settings);
    }

    protected override string StagingRoot => Path.Combine(Options.DataDirectory, "media-staging");
    private string MasterCache => Path.Combine(Options.DataDirectory, "media-masters");

    public static IAmazonS3 CreateClient(S3MediaOptions settings)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            AuthenticationRegion = settings.Region,
            // Checksums only where S3 requires them: S3-compatible servers differ in the newer trailing-checksum uploads.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(settings.ServiceUrl)) config.ServiceURL = settings.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        return string.IsNullOrEmpty(settings.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    private string ObjectKey(string relativePath) => _settings.Prefix + relativePath;

    private string FolderPrefix(string key) => ObjectKey(FolderName(key) + "/");

    public override async Task PublishAsync(string incomingFolder, string key, CancellationToken ct)
    {
        FolderName(key);
        try
        {
            // The master last: a picture is only ever looked up by its row, which commits after this returns.
            foreach (var (file, relative) in FilesOf(incomingFolder).OrderBy(f => f.Relative.StartsWith("source.", StringComparison.Ordinal)))
                await PutAsync($"{key}/{relative}", file, ct);
        }
        catch
        {
            await RemoveAsync(key);
            throw;
        }
    }

    public override Task RemoveAsync(string key) => DeleteUnderAsync(FolderPrefix(key), _ => true);

    public override Task<MediaWithdrawal> WithdrawAsync(string key)
    {
        // Objects stay until the row's delete commits: a failed delete needs nothing put back.
        return Task.FromResult(new MediaWithdrawal(() => Task.CompletedTask, () => RemoveAsync(key)));
    }

    public override Task DeleteCropsAsync(string key)
    {
        var folder = FolderPrefix(key);
        return DeleteUnderAsync(folder, objectKey =>
            objectKey[folder.Length..].Split('/') is [var crop, _] && CropAspect.All.Any(a => crop.StartsWith(a.Name + "-", StringComparison.Ordinal)));
    }

    public override async Task<bool> ExistsAsync(VariantRequest file, CancellationToken ct) =>
        await MetadataAsync(file.RelativePath, ct) is not null;

    public override async Task<IResult?> ServeAsync(VariantRequest file, HttpContext http, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(_settings.PublicBaseUrl))
        {
            if (!await ExistsAsync(file, ct)) return null;
            return Results.Redirect(_settings.PublicBaseUrl.TrimEnd('/') + "/" + ObjectKey(file.RelativePath));
        }
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return await MetadataAsync(file.RelativePath, ct) is { } head
                ? new HeadResult(file.Format.ContentType(), head.ContentLength, head.LastModified)
                : null;
        }
        try
        {
            var found = await _s3.GetObjectAsync(_settings.Bucket, ObjectKey(file.RelativePath), ct);
            _lengths[file.RelativePath] = found.ContentLength;
            var modified = found.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime()) : (DateTimeOffset?)null;
            // The result disposes the stream once it is written out.
            return TypedResults.Stream(found.ResponseStream, file.Format.ContentType(), lastModified: modified);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public override async Task<LocalMaster> MasterAsync(MediaRef media, CancellationToken ct)
    {
        var name = Path.GetFileName(ImagePipeline.MasterPath("", media.Fallback));
        var cached = Path.Combine(MasterCache, FolderName(media.Key), name);
        if (File.Exists(cached)) return new LocalMaster(cached);
        var staged = NewStagingFile(Path.GetExtension(name).TrimStart('.'));
        using (var found = await _s3.GetObjectAsync(_settings.Bucket, ObjectKey($"{media.Key}/{name}"), ct))
        await using (var file = File.Create(staged))
            await found.ResponseStream.CopyToAsync(file, ct);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Move(staged, cached, overwrite: true);
        return new LocalMaster(cached);
    }

    public override async Task SaveAsync(VariantRequest file, string madeFile, CancellationToken ct)
    {
        await PutAsync(file.RelativePath, madeFile, ct);
        _lengths[file.RelativePath] = new FileInfo(madeFile).Length;
        TryDelete(madeFile);
    }

    public override async Task<long> LengthAsync(string relativePath, CancellationToken ct)
    {
        if (_lengths.TryGetValue(relativePath, out var known)) return known;
        var parts = relativePath.Split('/');
        if (parts.Length is < 2 or > 3 || !MediaUrls.IsStorageKey(parts[0])) return 0;
        return await MetadataAsync(relativePath, ct) is { } head ? head.ContentLength : 0;
    }

    public override async Task ExportAsync(string target, CancellationToken ct)
    {
        await foreach (var item in ListAsync(_settings.Prefix, ct))
        {
            var relative = item.Key[_settings.Prefix.Length..];
            if (relative.Split('/') is not [var key, ..] || !MediaUrls.IsStorageKey(key)) continue;
            var to = Path.Combine(target, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            using var found = await _s3.GetObjectAsync(_settings.Bucket, item.Key, ct);
            await using var file = File.Create(to);
            await found.ResponseStream.CopyToAsync(file, ct);
        }
    }

    public override async Task ImportAsync(string sourceFolder, string key, CancellationToken ct)
    {
        foreach (var (file, relative) in FilesOf(sourceFolder)) await PutAsync($"{FolderName(key)}/{relative}", file, ct);
    }

    public override void CleanLeftovers()
    {
        base.CleanLeftovers();
        // Cached masters of pictures not used for a week go; they are fetched again if wanted.
        if (!Directory.Exists(MasterCache)) return;
        foreach (var folder in Directory.EnumerateDirectories(MasterCache))
            // File times are the machine's real clock, so they are compared with it (not the app's TimeProvider).
            if (Directory.GetLastAccessTimeUtc(folder) < TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-7)) TryDelete(folder);
    }

    /// <summary>Checks the bucket answers, for readiness; throws with the service's own message when it does not.</summary>
    public async Task CheckAsync(CancellationToken ct) =>
        await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _settings.Bucket, Prefix = _settings.Prefix, MaxKeys = 1 }, ct);

    private async Task PutAsync(string relativePath, string file, CancellationToken ct)
    {
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _settings.Bucket,
            Key = ObjectKey(relativePath),
            FilePath = file,
            ContentType = ContentTypeOf(relativePath),
            Headers = { CacheControl = MediaFileEndpoints.CacheControl },
            UseChunkEncoding = false,
        }, ct);
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".avif" => "image/avif",
        ".webp" => "image/webp",
        ".png" => "image/png",
        _ => "image/jpeg",
    };

    private async Task<GetObjectMetadataResponse?> MetadataAsync(string relativePath, CancellationToken ct)
    {
        try
        {
            var head = await _s3.GetObjectMetadataAsync(_settings.Bucket, ObjectKey(relativePath), ct);
            _lengths[relativePath] = head.ContentLength;
            return head;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async IAsyncEnumerable<S3Object> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = _settings.Bucket, Prefix = prefix };
        while (true)
        {
            var page = await _s3.ListObjectsV2Async(request, ct);
            foreach (var item in page.S3Objects ?? []) yield return item;
            if (page.IsTruncated != true) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    private async Task DeleteUnderAsync(string prefix, Func<string, bool> which)
    {
        try
        {
            var doomed = new List<string>();
            await foreach (var item in ListAsync(prefix, CancellationToken.None))
                if (which(item.Key)) doomed.Add(item.Key);
            // One by one: some S3-compatible servers lack the multi-object delete, and a picture has few dozen files.
            foreach (var objectKey in doomed) await _s3.DeleteObjectAsync(_settings.Bucket, objectKey);
            foreach (var objectKey in doomed) _lengths.TryRemove(objectKey[_settings.Prefix.Length..], out _);
        }
        catch (AmazonServiceException e)
        {
            Logger.LogWarning(e, "Could not delete the objects under {Prefix}; they are no longer linked and can be removed by hand.", prefix);
        }
    }

    public void Dispose() => _s3.Dispose();

    /// <summary>A HEAD answer: what the GET would carry, without asking the bucket for the bytes.</summary>
    private sealed class HeadResult(string contentType, long length, DateTime? modified) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = length;
            if (modified is { } m) http.Response.Headers.LastModified = m.ToUniversalTime().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}
