using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Media;

/// <summary>
/// Where a picture's files live: one folder per picture, named by its storage key, under the media folder.
/// New pictures are assembled in .incoming and renamed into place in one step; deleted ones are renamed into
/// .trash first. Neither name can be a storage key, so neither is ever served.
/// </summary>
public sealed class MediaStore(IOptions<MastheadOptions> options, TimeProvider time, ILogger<MediaStore> logger)
{
    private string Root => options.Value.MediaDirectory;
    private string Incoming => Path.Combine(Root, ".incoming");
    private string Trash => Path.Combine(Root, ".trash");

    public string FolderFor(string key)
    {
        if (!MediaUrls.IsStorageKey(key)) throw new ArgumentException($"'{key}' is not a storage key.", nameof(key));
        return Path.Combine(Root, key);
    }

    public string MasterPath(MediaItem media) => ImagePipeline.MasterPath(FolderFor(media.StorageKey), media.Fallback);

    public string MasterPath(MediaRef media) => ImagePipeline.MasterPath(FolderFor(media.Key), media.Fallback);

    /// <summary>The file a parsed /media address names; checked once more to lie inside the media folder.</summary>
    public string PathOf(VariantRequest request)
    {
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, request.RelativePath));
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw new InvalidOperationException("A media path left the media folder.");
        return full;
    }

    /// <summary>A fresh, empty folder to assemble a new picture in.</summary>
    public string NewIncomingFolder(string key)
    {
        var folder = Path.Combine(Incoming, $"{key}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Moves an assembled picture into place in one rename, so readers never see half of it.</summary>
    public void Publish(string incomingFolder, string key) => Directory.Move(incomingFolder, FolderFor(key));

    /// <summary>Takes a picture's folder out of service in one rename; <see cref="Restore"/> undoes it.</summary>
    public string Withdraw(string key)
    {
        Directory.CreateDirectory(Trash);
        var parked = Path.Combine(Trash, $"{key}-{Guid.NewGuid():N}");
        if (Directory.Exists(FolderFor(key))) Directory.Move(FolderFor(key), parked);
        return parked;
    }

    public void Restore(string parked, string key)
    {
        if (Directory.Exists(parked)) Directory.Move(parked, FolderFor(key));
    }

    /// <summary>Removes every crop of a picture, after its focal point moved; the new ones are made on request.</summary>
    public void DeleteCrops(string key)
    {
        var folder = FolderFor(key);
        if (!Directory.Exists(folder)) return;
        foreach (var aspect in CropAspect.All)
            foreach (var dir in Directory.EnumerateDirectories(folder, aspect.Name + "-*"))
                TryDelete(dir);
    }

    public void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete {Path}; it is not served and can be removed by hand.", path);
        }
    }

    /// <summary>
    /// Clears what an interrupted upload or delete left behind (a crash between two steps). Only entries an hour
    /// old go, in case another app node shares the folder and is mid-upload.
    /// </summary>
    public void CleanLeftovers()
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddHours(-1);
        foreach (var folder in new[] { Incoming, Trash })
            if (Directory.Exists(folder))
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
                    if (Directory.GetLastWriteTimeUtc(entry) < cutoff) TryDelete(entry);
    }
}
