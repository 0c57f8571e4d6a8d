using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.AdminApi;
using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Media;

/// <summary>
/// POST /newsroom/media/upload (and /fetch): the upload the story editor and the library page call from script, with the
/// session cookie and the CSRF token in X-CSRF-TOKEN. Answers with the picture, or the same problem details the
/// admin API gives (a code per kind of refusal), so the page can say exactly what was wrong with the file.
/// </summary>
public static class NewsroomUpload
{
    public static void MapNewsroomUpload(this WebApplication app)
    {
        app.MapPost("/newsroom/media/upload", UploadAsync).RequireAuthorization(NewsroomRegistration.Policy).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/newsroom/media/fetch", FetchAsync).RequireAuthorization(NewsroomRegistration.Policy).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/newsroom/media/find", FindAsync).RequireAuthorization(NewsroomRegistration.Policy).ExcludeFromDescription();
    }

    /// <summary>GET /newsroom/media/find?q=: earlier pictures for the story editor's picker, newest first, with a small preview and their description.</summary>
    private static async Task<IResult> FindAsync(string? q, MastheadDbContext db, CancellationToken ct)
    {
        if (q?.Length > 200) return JsonBody.Problem(StatusCodes.Status400BadRequest, "Search too long", "Search with at most 200 characters.");
        var rows = await db.Media.AsNoTracking().Matching(q).Take(24).ToListAsync(ct);
        return Results.Json(rows.Select(m =>
        {
            var picture = MediaRef.From(m);
            return new
            {
                id = m.Id,
                url = MediaUrls.Default(picture),
                preview = MediaUrls.For(picture, m.Fallback.ToImageFormat(), MediaVariants.WidthsFor(m.Width)[0]),
                fileName = m.FileName,
                alt = m.Alt,
                caption = m.Caption,
                credit = m.Credit,
                width = m.Width,
                height = m.Height,
            };
        }));
    }

    private static async Task<IResult> UploadAsync(HttpContext http, IAntiforgery antiforgery, UploadMedia uploads, NewsroomSession session,
        IOptions<MastheadOptions> options, CancellationToken ct)
    {
        if (await CsrfProblemAsync(http, antiforgery) is { } refused) return refused;
        var editor = session.Editor;
        if (!Permissions.CanUploadMedia(editor.Role)) return JsonBody.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your role may not upload pictures.");
        var (upload, problem) = await UploadForm.ReadAsync(http.Request, options.Value.Media, ct);
        if (problem is not null) return problem;
        return Answer(await uploads.UploadAsync(upload!, editor, variantsNow: null, ct));
    }

    /// <summary>One picture to fetch from another site: the address as JSON, <c>{"url": "https://…"}</c>.</summary>
    public sealed record FetchRequest(string? Url);

    /// <summary>
    /// POST /newsroom/media/fetch: the story editor's request to copy a pasted picture from another site into the
    /// library (see <see cref="RemotePictures"/>); answered like an upload.
    /// </summary>
    private static async Task<IResult> FetchAsync(HttpContext http, IAntiforgery antiforgery, RemotePictures remote, NewsroomSession session, CancellationToken ct)
    {
        if (await CsrfProblemAsync(http, antiforgery) is { } refused) return refused;
        var editor = session.Editor;
        if (!Permissions.CanUploadMedia(editor.Role)) return JsonBody.Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your role may not upload pictures.");
        FetchRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<FetchRequest>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }
        if (request is null) return JsonBody.Problem(StatusCodes.Status400BadRequest, "Malformed request", "Send the picture's address as JSON: {\"url\": \"https://…\"}.", RequestRefusals.MalformedBody);
        return Answer(await remote.FetchAsync(request.Url, editor, ct));
    }

    private static async Task<IResult?> CsrfProblemAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return JsonBody.Problem(StatusCodes.Status400BadRequest, "Missing or stale CSRF token", "Reload the page and try again.", RequestRefusals.CsrfToken);
        }
    }

    private static IResult Answer(Result<MediaItem> result)
    {
        if (result.Value is not { } media) return ApiResults.Problem(result);
        var picture = MediaRef.From(media);
        return Results.Json(new
        {
            id = media.Id,
            url = MediaUrls.Default(picture),
            preview = MediaUrls.For(picture, media.Fallback.ToImageFormat(), MediaVariants.WidthsFor(media.Width)[0]), // as /find gives it
            fileName = media.FileName,
            width = media.Width,
            height = media.Height,
            alt = media.Alt,
            caption = media.Caption,
            credit = media.Credit,
        }, statusCode: StatusCodes.Status201Created);
    }
}
