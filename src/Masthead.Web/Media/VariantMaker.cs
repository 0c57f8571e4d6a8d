using System.Collections.Concurrent;
using Masthead.Core.Media;
using NetVips;

namespace Masthead.Web.Media;

/// <summary>
/// Makes a published file the first time it is asked for and keeps it: crops always, whole-picture sizes when
/// they were not made at upload. Requests for the same file at the same moment share one piece of work.
/// </summary>
public sealed class VariantMaker(ImagePipeline pipeline, MediaStore store, ILogger<VariantMaker> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _inFlight = new(StringComparer.Ordinal);

    /// <returns>Whether the file now exists.</returns>
    public async Task<bool> EnsureAsync(VariantRequest request, MediaRef media, string path, CancellationToken ct)
    {
        if (File.Exists(path)) return true;
        var work = _inFlight.GetOrAdd(path, _ => new Lazy<Task<bool>>(() => MakeAsync(request, media, path)));
        try
        {
            return await work.Value.WaitAsync(ct);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<bool>>>(path, work));
        }
    }

    // Not cancelled by the request that started it: others may be waiting for the same file.
    private async Task<bool> MakeAsync(VariantRequest request, MediaRef media, string path)
    {
        await Task.Yield();
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await pipeline.RenderAsync(store.MasterPath(media), media, request.Aspect, request.Width, [(request.Format, temp)], CancellationToken.None);
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is VipsException or IOException)
        {
            logger.LogError(ex, "Could not make {Path} from the master of picture {Key}.", path, media.Key);
            return false;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
