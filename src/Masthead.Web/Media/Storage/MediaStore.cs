using Masthead.Core.Media;
using Masthead.Web.Hosting;

namespace Masthead.Web.Media;

/// <summary>A picture's folder taken out of service: put back if the delete's transaction fails, removed for good once it commits.</summary>
public sealed record MediaWithdrawal(Func<Task> RestoreAsync, Func<Task> CompleteAsync);

/// <summary>A master copied where libvips can read it; disposing removes a temporary copy.</summary>
public sealed record LocalMaster(string Path, Action? Release = null) : IDisposable
{
    public void Dispose() => Release?.Invoke();
}

/// <summary>
/// Where pictures' files live: one folder per picture, named by its storage key, holding the cleaned master and every
/// published size and crop. Files are assembled on the node's own disk (a staging folder) and then published to the
/// store in one step, so readers never see half a picture. <see cref="DiskMediaStore"/> keeps them in the data folder
/// (one node); <see cref="S3MediaStore"/> in an S3-compatible bucket that every node shares.
/// </summary>
public abstract class MediaStore(MastheadOptions options, TimeProvider time, ILogger logger)
{
    protected ILogger Logger => logger;

    /// <summary>Node-local folder where new pictures and new files are assembled before they are published.</summary>
    protected abstract string StagingRoot { get; }

    public static string FolderName(string key) =>
        MediaUrls.IsStorageKey(key) ? key : throw new ArgumentException($"'{key}' is not a storage key.", nameof(key));

    /// <summary>A fresh, empty folder to assemble a new picture in.</summary>
    public string NewIncomingFolder(string key)
    {
        var folder = Path.Combine(StagingRoot, $"{FolderName(key)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A name for one file being made, in the staging folder (deleted by the caller, or by <see cref="CleanLeftovers"/>).</summary>
    public string NewStagingFile(string extension)
    {
        Directory.CreateDirectory(StagingRoot);
        return Path.Combine(StagingRoot, $"{Guid.NewGuid():N}.{extension}");
    }

    /// <summary>Makes an assembled picture (its master and any sizes) available to every node in one step.</summary>
    public abstract Task PublishAsync(string incomingFolder, string key, CancellationToken ct);

    /// <summary>Removes a published picture's files; for a picture whose row could not be committed.</summary>
    public abstract Task RemoveAsync(string key);

    /// <summary>Takes a picture out of service for a delete whose transaction has yet to commit.</summary>
    public abstract Task<MediaWithdrawal> WithdrawAsync(string key);

    /// <summary>Removes every crop of a picture, after its focal point moved; the new ones are made on request.</summary>
    public abstract Task DeleteCropsAsync(string key);

    /// <summary>Whether a published file exists already.</summary>
    public abstract Task<bool> ExistsAsync(VariantRequest file, CancellationToken ct);

    /// <summary>The file as an HTTP answer (conditional requests and HEAD honoured), or null when it has not been made.</summary>
    public abstract Task<IResult?> ServeAsync(VariantRequest file, HttpContext http, CancellationToken ct);

    /// <summary>The picture's master where libvips can read it.</summary>
    public abstract Task<LocalMaster> MasterAsync(MediaRef media, CancellationToken ct);

    /// <summary>Publishes one file made from the master (moved from the staging folder).</summary>
    public abstract Task SaveAsync(VariantRequest file, string madeFile, CancellationToken ct);

    /// <summary>Bytes in a published file under /media (its address relative to /media), or 0 when it is not there.</summary>
    public abstract Task<long> LengthAsync(string relativePath, CancellationToken ct);

    /// <summary>Copies every picture's folder into <paramref name="target"/>, one sub-folder per storage key.</summary>
    public abstract Task ExportAsync(string target, CancellationToken ct);

    /// <summary>Publishes a picture's folder from an export (copied, the export stays as it was).</summary>
    public abstract Task ImportAsync(string sourceFolder, string key, CancellationToken ct);

    /// <summary>
    /// Clears what an interrupted upload or file left in the staging folder (a crash between two steps). Only entries
    /// an hour old go, in case another process shares the folder and is mid-upload.
    /// </summary>
    public virtual void CleanLeftovers() => RemoveOlderThanAnHour(StagingRoot);

    protected void RemoveOlderThanAnHour(string folder)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddHours(-1);
        if (!Directory.Exists(folder)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            if (Directory.GetLastWriteTimeUtc(entry) < cutoff) TryDelete(entry);
    }

    /// <summary>Deletes a local file or folder, or says in the log that it could not.</summary>
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

    protected MastheadOptions Options => options;

    /// <summary>Every file of a folder with its path relative to that folder, '/'-separated.</summary>
    protected static IEnumerable<(string File, string Relative)> FilesOf(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (f, Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')));

    /// <summary>Copies a folder's files, sub-folders included.</summary>
    public static void CopyFolder(string source, string target)
    {
        foreach (var (file, relative) in FilesOf(source))
        {
            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }
}
