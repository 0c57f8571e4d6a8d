using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Media;

/// <summary>
/// Pictures in the data folder's media folder. New pictures are assembled in media/.incoming and renamed into place
/// in one step; deleted ones are renamed into media/.trash first. Neither name can be a storage key, so neither is
/// ever served. Right for one node; several nodes need <see cref="S3MediaStore"/> (or one shared network folder).
/// </summary>
public sealed class DiskMediaStore(IOptions<MastheadOptions> options, TimeProvider time, ILogger<DiskMediaStore> logger)
    : MediaStore(options.Value, time, logger)
{
    private string Root => Options.MediaDirectory;
    private string Trash => Path.Combine(Root, ".trash");
    protected override string StagingRoot => Path.Combine(Root, ".incoming");

    private string FolderFor(string key) => Path.Combine(Root, FolderName(key));

    /// <summary>The file a parsed /media address names; checked once more to lie inside the media folder.</summary>
    private string PathOf(string relativePath)
    {
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw new InvalidOperationException("A media path left the media folder.");
        return full;
    }

    public override Task PublishAsync(string incomingFolder, string key, CancellationToken ct)
    {
        Directory.Move(incomingFolder, FolderFor(key));
        return Task.CompletedTask;
    }

    public override Task RemoveAsync(string key)
    {
        TryDelete(FolderFor(key));
        return Task.CompletedTask;
    }

    public override Task<MediaWithdrawal> WithdrawAsync(string key)
    {
        Directory.CreateDirectory(Trash);
        var parked = Path.Combine(Trash, $"{FolderName(key)}-{Guid.NewGuid():N}");
        if (Directory.Exists(FolderFor(key))) Directory.Move(FolderFor(key), parked);
        return Task.FromResult(new MediaWithdrawal(
            () =>
            {
                if (Directory.Exists(parked)) Directory.Move(parked, FolderFor(key));
                return Task.CompletedTask;
            },
            () =>
            {
                TryDelete(parked);
                return Task.CompletedTask;
            }));
    }

    public override Task DeleteCropsAsync(string key)
    {
        var folder = FolderFor(key);
        if (Directory.Exists(folder))
            foreach (var aspect in CropAspect.All)
                foreach (var dir in Directory.EnumerateDirectories(folder, aspect.Name + "-*"))
                    TryDelete(dir);
        return Task.CompletedTask;
    }

    public override Task<bool> ExistsAsync(VariantRequest file, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(file.RelativePath)));

    public override Task<IResult?> ServeAsync(VariantRequest file, HttpContext http, CancellationToken ct)
    {
        var path = PathOf(file.RelativePath);
        return Task.FromResult<IResult?>(File.Exists(path)
            ? TypedResults.PhysicalFile(path, file.Format.ContentType(), lastModified: File.GetLastWriteTimeUtc(path))
            : null);
    }

    public override Task<LocalMaster> MasterAsync(MediaRef media, CancellationToken ct) =>
        Task.FromResult(new LocalMaster(ImagePipeline.MasterPath(FolderFor(media.Key), media.Fallback)));

    public override Task SaveAsync(VariantRequest file, string madeFile, CancellationToken ct)
    {
        var path = PathOf(file.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(madeFile, path, overwrite: true);
        return Task.CompletedTask;
    }

    public override Task<long> LengthAsync(string relativePath, CancellationToken ct)
    {
        string path;
        try
        {
            path = PathOf(relativePath);
        }
        catch (InvalidOperationException)
        {
            return Task.FromResult(0L); // never look outside the media folder, whatever a stored address says
        }
        var info = new FileInfo(path);
        return Task.FromResult(info.Exists ? info.Length : 0);
    }

    public override Task ExportAsync(string target, CancellationToken ct)
    {
        if (Directory.Exists(Root))
            foreach (var dir in Directory.GetDirectories(Root).Where(d => MediaUrls.IsStorageKey(Path.GetFileName(d))))
                CopyFolder(dir, Path.Combine(target, Path.GetFileName(dir)));
        return Task.CompletedTask;
    }

    public override Task ImportAsync(string sourceFolder, string key, CancellationToken ct)
    {
        CopyFolder(sourceFolder, FolderFor(key));
        return Task.CompletedTask;
    }

    public override void CleanLeftovers()
    {
        Directory.CreateDirectory(Root);
        base.CleanLeftovers();
        RemoveOlderThanAnHour(Trash);
    }
}
