using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.AdminApi;

/// <summary>/api/admin/media: upload pictures, find them again for reuse, describe them, delete unused ones.</summary>
public static class MediaApi
{
    public const int PageSize = 30;

    public static void Map(RouteGroupBuilder api)
    {
        var media = api.MapGroup("/media").WithTags("Media");
        media.MapPost("", Upload).AcceptsUpload()
            .WithSummary("Upload one picture (JPEG, PNG, WebP, AVIF or GIF) as multipart/form-data: file, and optionally alt, caption, credit.");
        media.MapGet("", List).WithSummary("Find pictures by file name, alt text, caption or credit (q), newest first, 30 a page.");
        media.MapGet("/{id:int}", Get).WithSummary("Read one picture with the addresses of all its sizes and crops.");
        media.MapPatch("/{id:int}", Update).AcceptsJson<MediaEdit>()
            .WithSummary("Change alt text, caption, credit or focal point; fields left out keep their value.");
        media.MapDelete("/{id:int}", Delete).WithSummary("Delete a picture nothing uses; 409 names where it is still used.");
    }

    private static async Task<IResult> Upload(HttpContext http, UploadMedia uploads, ImagePipeline pipeline, IOptions<MastheadOptions> options, CancellationToken ct)
    {
        var editor = http.User.ToEditor();
        if (!Permissions.CanUploadMedia(editor.Role))
            return JsonBody.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your role may not upload pictures.");
        var (upload, problem) = await UploadForm.ReadAsync(http.Request, options.Value.Media, ct);
        if (problem is not null) return problem;
        var result = await uploads.UploadAsync(upload!, editor, variantsNow: null, ct);
        if (result.Value is not { } media) return ApiResults.Problem(result);
        return Results.Created($"/api/admin/media/{media.Id}", MediaDtos.Full(media, await UploaderAsync(http, media, ct), pipeline.AvifEnabled));
    }

    private static async Task<IResult> List(MastheadDbContext db, string? q, int? page, CancellationToken ct)
    {
        var current = Math.Max(1, page ?? 1);
        var query = db.Media.AsNoTracking().Matching(q);
        var total = await query.CountAsync(ct);
        var rows = await query
            .Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = await UploaderNamesAsync(db, rows, ct);
        var items = rows.Select(m => MediaDtos.Summary(m, Uploader(m, names))).ToList();
        return Results.Ok(new ListResponse<MediaSummaryDto>(items, total, current, PageSize));
    }

    private static async Task<IResult> Get(int id, MastheadDbContext db, ImagePipeline pipeline, CancellationToken ct)
    {
        var media = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (media is null) return ApiResults.Problem(MediaRefusals.NotFound(id));
        var names = await UploaderNamesAsync(db, [media], ct);
        return Results.Ok(MediaDtos.Full(media, Uploader(media, names), pipeline.AvifEnabled));
    }

    private static async Task<IResult> Update(int id, HttpContext http, EditMedia edits, MastheadDbContext db, ImagePipeline pipeline, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<MediaEdit>(http.Request);
        if (problem is not null) return problem;
        var result = await edits.UpdateAsync(id, input!, http.User.ToEditor(), ct);
        if (result.Value is not { } media) return ApiResults.Problem(result);
        var names = await UploaderNamesAsync(db, [media], ct);
        return Results.Ok(MediaDtos.Full(media, Uploader(media, names), pipeline.AvifEnabled));
    }

    private static async Task<IResult> Delete(int id, HttpContext http, DeleteMedia deletes, CancellationToken ct)
    {
        var result = await deletes.DeleteAsync(id, http.User.ToEditor(), ct);
        return result.Outcome == Outcome.Ok ? Results.NoContent() : ApiResults.Problem(result);
    }

    private static async Task<MediaUploaderDto?> UploaderAsync(HttpContext http, MediaItem media, CancellationToken ct) =>
        Uploader(media, await UploaderNamesAsync(http.RequestServices.GetRequiredService<MastheadDbContext>(), [media], ct));

    private static async Task<Dictionary<int, string>> UploaderNamesAsync(MastheadDbContext db, IReadOnlyList<MediaItem> media, CancellationToken ct)
    {
        var ids = media.Where(m => m.UploadedByUserId is not null).Select(m => m.UploadedByUserId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static MediaUploaderDto? Uploader(MediaItem media, Dictionary<int, string> names) =>
        media.UploadedByUserId is { } id && names.TryGetValue(id, out var name) ? new MediaUploaderDto(id, name) : null;
}
