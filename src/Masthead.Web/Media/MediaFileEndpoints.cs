using Masthead.Core.Data;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Media;

/// <summary>
/// Serves /media/{key}/{width}.{ext} and /media/{key}/{crop}/{width}.{ext} from the media store. Only addresses that
/// <see cref="MediaUrls.Parse"/> accepts reach the store, so nothing else can be read. A file is never changed once
/// written (a new focal point gives new addresses), so browsers and caches may keep it a year.
/// </summary>
public static class MediaFileEndpoints
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static WebApplication MapMediaFiles(this WebApplication app)
    {
        var media = app.MapGroup(MediaUrls.Prefix).ExcludeFromDescription();
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        media.MapMethods("/{key}/{file}", methods, (string key, string file, HttpContext http, CancellationToken ct) =>
            ServeAsync(MediaUrls.Parse(key, null, file), http, ct));
        media.MapMethods("/{key}/{crop}/{file}", methods, (string key, string crop, string file, HttpContext http, CancellationToken ct) =>
            ServeAsync(MediaUrls.Parse(key, crop, file), http, ct));
        return app;
    }

    private static async Task<IResult> ServeAsync(VariantRequest? request, HttpContext http, CancellationToken ct)
    {
        if (request is null) return Results.NotFound();
        var services = http.RequestServices;
        var store = services.GetRequiredService<MediaStore>();
        var served = await store.ServeAsync(request, http, ct);
        if (served is null)
        {
            // Not made yet: make it, if this picture publishes such a file at all.
            var media = await services.GetRequiredService<MastheadDbContext>().Media.AsNoTracking()
                .Where(m => m.StorageKey == request.Key)
                .Select(m => new MediaRef(m.StorageKey, m.Width, m.Height, m.FocalX, m.FocalY, m.Fallback))
                .FirstOrDefaultAsync(ct);
            if (media is null || !request.IsOfferedBy(media, services.GetRequiredService<ImagePipeline>().AvifEnabled)) return Results.NotFound();
            if (!await services.GetRequiredService<VariantMaker>().EnsureAsync(request, media, ct)) return Results.NotFound();
            served = await store.ServeAsync(request, http, ct);
            if (served is null) return Results.NotFound();
        }
        http.Response.Headers.CacheControl = CacheControl;
        return served;
    }
}
