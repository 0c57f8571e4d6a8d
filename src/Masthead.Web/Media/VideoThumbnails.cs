using System.Collections.Concurrent;
using Masthead.Core.Accounts;
using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Media;

/// <summary>
/// The stills of the videos a body embeds, kept in the media library so a reader's browser never asks the video
/// service for one. Each is fetched once, on the first save that embeds the video, from
/// <see cref="MediaOptions.YouTubeThumbnailUrl"/>, and checked and stored like any picture fetched from another site.
/// Works in a scope of its own: the story being saved, still unsaved in its own context, is not written by the upload.
/// </summary>
public sealed class VideoThumbnails(IServiceScopeFactory scopes, IOptions<MastheadOptions> settings, TimeProvider time, ILogger<VideoThumbnails> log)
    : IEmbedPictures
{
    /// <summary>How many stills an import fetches at once.</summary>
    private const int FetchesAtOnce = 8;

    public async Task<IReadOnlyDictionary<string, EmbedPicture>> ForBodyAsync(string? markdown, bool fetchMissing, CancellationToken ct)
    {
        var videos = VideoAddress.In(markdown);
        if (videos.Count == 0) return NoEmbedPictures.None;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var pictures = await StoredAsync(db, videos, ct);
        if (!fetchMissing) return pictures;
        foreach (var video in videos.Where(v => !pictures.ContainsKey(v.Key)))
            if ((await FetchAsync(scope.ServiceProvider, db, video, ct)).Picture is { } fetched) pictures[video.Key] = fetched;
        return pictures;
    }

    public async Task<IReadOnlyDictionary<string, EmbedPicture>> ForBodiesAsync(IReadOnlyList<string> markdowns, CancellationToken ct)
    {
        var videos = markdowns.SelectMany(VideoAddress.In).Distinct().ToList();
        if (videos.Count == 0) return NoEmbedPictures.None;
        Dictionary<string, EmbedPicture> stored;
        await using (var scope = scopes.CreateAsyncScope())
            stored = await StoredAsync(scope.ServiceProvider.GetRequiredService<MastheadDbContext>(), videos, ct);
        var pictures = new ConcurrentDictionary<string, EmbedPicture>(stored);
        var unreachable = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var missing = videos.Where(v => !stored.ContainsKey(v.Key));
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = FetchesAtOnce, CancellationToken = ct }, async (video, token) =>
        {
            var host = Uri.TryCreate(AddressOf(video), UriKind.Absolute, out var address) ? address.Host : "";
            // Counted, and told once below, rather than a warning (and a wait) for each video.
            if (unreachable.TryGetValue(host, out _))
            {
                unreachable.AddOrUpdate(host, 1, (_, skipped) => skipped + 1);
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var (picture, siteAnswered) = await FetchAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<MastheadDbContext>(), video, token);
            if (picture is not null) pictures[video.Key] = picture;
            else if (!siteAnswered) unreachable.TryAdd(host, 0);
        });
        foreach (var (host, skipped) in unreachable.Where(u => u.Value > 0))
            log.LogWarning("The stills of {Count} more videos were not asked of {Host}, which could not be reached; their cards show no still until their stories are next saved.",
                skipped, host);
        return pictures;
    }

    private string AddressOf(VideoAddress video) =>
        settings.Value.Media.YouTubeThumbnailUrl.Replace("{id}", Uri.EscapeDataString(video.Id), StringComparison.Ordinal);

    private static async Task<Dictionary<string, EmbedPicture>> StoredAsync(MastheadDbContext db, IReadOnlyList<VideoAddress> videos, CancellationToken ct)
    {
        var ids = videos.Select(v => v.Id).ToList();
        var rows = await db.VideoThumbnails.AsNoTracking().Where(t => ids.Contains(t.VideoId)).Include(t => t.Media).ToListAsync(ct);
        return rows.Where(r => r.Media is not null && videos.Contains(new VideoAddress(r.Provider, r.VideoId)))
            .ToDictionary(r => new VideoAddress(r.Provider, r.VideoId).Key, r => Picture(r.Media!));
    }

    private async Task<(EmbedPicture? Picture, bool SiteAnswered)> FetchAsync(IServiceProvider services, MastheadDbContext db, VideoAddress video, CancellationToken ct)
    {
        var address = AddressOf(video);
        var (result, siteAnswered) = await services.GetRequiredService<RemotePictures>().FetchFromSiteAsync(address, Editor.System, ct, $"{video.Provider}-{video.Id}.jpg");
        if (result.Value is not { } media)
        {
            // The story saves all the same; its card shows the video's words and link without a still.
            log.LogWarning("The still of {Provider} video {VideoId} could not be fetched from {Address}: {Reason}",
                video.Provider, video.Id, address, result.Refusal());
            return (null, siteAnswered);
        }
        db.VideoThumbnails.Add(new VideoThumbnail { Provider = video.Provider, VideoId = video.Id, MediaId = media.Id, FetchedAt = time.UtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another save fetched the same video at the same moment: theirs is kept.
            db.ChangeTracker.Clear();
            return ((await StoredAsync(db, [video], ct)).GetValueOrDefault(video.Key), true);
        }
        return (Picture(media), true);
    }

    private static EmbedPicture Picture(MediaItem media) => new(MediaUrls.Default(MediaRef.From(media)), media.Width, media.Height);
}
