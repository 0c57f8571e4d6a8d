using System.Collections.Concurrent;
using Amazon.Runtime;
using Masthead.Core.Media;
using Masthead.Web.Hosting;
using NetVips;

namespace Masthead.Web.Media;

/// <summary>
/// Makes a published file the first time it is asked for and keeps it: crops always, whole-picture sizes when they
/// were not made at upload. Made once however many ask at the same moment: requests on one node share one piece of
/// work, and nodes take turns on the file's name (<see cref="ClusterMutex"/>), the later ones finding it made.
/// </summary>
public sealed class VariantMaker(ImagePipeline pipeline, MediaStore store, ClusterMutex turns, ILogger<VariantMaker> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _inFlight = new(StringComparer.Ordinal);

    /// <returns>Whether the file now exists.</returns>
    public async Task<bool> EnsureAsync(VariantRequest request, MediaRef media, CancellationToken ct)
    {
        var work = _inFlight.GetOrAdd(request.RelativePath, _ => new Lazy<Task<bool>>(() => MakeAsync(request, media)));
        try
        {
            return await work.Value.WaitAsync(ct);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<bool>>>(request.RelativePath, work));
        }
    }

    // Not cancelled by the request that started it: others may be waiting for the same file.
    private async Task<bool> MakeAsync(VariantRequest request, MediaRef media)
    {
        await Task.Yield();
        var made = store.NewStagingFile(request.Format.Extension());
        try
        {
            await using var turn = await turns.TakeAsync("media:" + request.RelativePath, CancellationToken.None);
            if (await store.ExistsAsync(request, CancellationToken.None)) return true;
            using (var master = await store.MasterAsync(media, CancellationToken.None))
                await pipeline.RenderAsync(master.Path, media, request.Aspect, request.Width, [(request.Format, made)], CancellationToken.None);
            await store.SaveAsync(request, made, CancellationToken.None);
            logger.LogInformation("Made media file {File}.", request.RelativePath);
            return true;
        }
        catch (Exception ex) when (ex is VipsException or IOException or AmazonServiceException)
        {
            logger.LogError(ex, "Could not make {File} from the master of picture {Key}.", request.RelativePath, media.Key);
            return false;
        }
        finally
        {
            store.TryDelete(made);
        }
    }
}
