using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Media;

/// <summary>Find and reuse earlier pictures, and upload new ones (a plain form, with a progress bar when script runs).</summary>
[RequestSizeLimit(MediaLibraryModel.FormLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaLibraryModel.FormLimit)]
public sealed class MediaLibraryModel(MastheadDbContext db, UploadMedia uploads, NewsroomSession session) : PageModel
{
    public const long FormLimit = 30 * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<MediaItem> Items { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Uploaded { get; private set; }

    public async Task OnGetAsync(string? uploaded, CancellationToken ct)
    {
        Uploaded = uploaded;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? alt, string? caption, string? credit, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Problem = "Choose a picture to upload.";
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var result = await uploads.UploadAsync(new MediaUpload(buffer.ToArray(), file.FileName, alt, caption, credit), session.Editor, variantsNow: null, ct);
            if (result.Media is { } media) return Redirect($"/newsroom/media?uploaded={Uri.EscapeDataString(media.FileName)}");
            Problem = result.Problem is { } p ? $"{p.Title}: {p.Detail}" : string.Join(" ", result.Errors!.ToDictionary().SelectMany(e => e.Value));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await db.Media.AsNoTracking().Matching(Q).Take(60).ToListAsync(ct);
    }
}
