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
    public bool Deleted { get; private set; }

    public async Task OnGetAsync(string? uploaded, bool deleted, CancellationToken ct)
    {
        Uploaded = uploaded;
        Deleted = deleted;
        await LoadAsync(ct);
    }

    /// <summary>
    /// One picture or several: each is checked and stored on its own, so one refused file does not stop the rest.
    /// Alt text describes one picture, so it is kept only when one is sent; caption and credit go on every one.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> file, string? alt, string? caption, string? credit, CancellationToken ct)
    {
        var files = file.Where(f => f.Length > 0).ToList();
        var problems = new List<string>();
        var stored = new List<string>();
        if (files.Count == 0) problems.Add("Choose a picture to upload.");
        foreach (var f in files)
        {
            var upload = await MediaUpload.FromFormAsync(f, files.Count == 1 ? alt : null, caption, credit, ct);
            var result = await uploads.UploadAsync(upload, session.Editor, variantsNow: null, ct);
            if (result.Value is { } media) stored.Add(media.FileName);
            else problems.Add($"{f.FileName}: {result.Refusal()}");
        }
        var done = stored.Count == 1 ? stored[0] : $"{stored.Count} pictures";
        if (problems.Count == 0) return Redirect($"/newsroom/media?uploaded={Uri.EscapeDataString(done)}");
        Problem = string.Join(" ", problems);
        if (stored.Count > 0) Uploaded = done;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = await db.Media.AsNoTracking().Matching(Q).Take(60).ToListAsync(ct);
    }
}
