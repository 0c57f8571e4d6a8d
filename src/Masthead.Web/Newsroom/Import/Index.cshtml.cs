using Masthead.Core.Accounts;
using Masthead.Web.Hosting;
using Masthead.Web.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ImportFormats = Masthead.Core.Import.ImportFormats;

namespace Masthead.Web.Newsroom.Import;

/// <summary>
/// /newsroom/import: an admin uploads a WordPress or Ghost export, which is imported in the background; the page
/// shows its progress (polling <c>?handler=status</c> with script, a refresh link without) and then the report.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportPageModel(ImportJobs jobs, IOptions<MastheadOptions> options, NewsroomSession session) : ManagementPage(session)
{
    /// <summary>1 GiB: a large archive's export; pictures are not part of it.</summary>
    public const long MaxUploadBytes = 1L << 30;

    protected override bool MayUse(Role role) => Permissions.CanImport(role);

    [BindProperty] public string? Format { get; set; }
    [BindProperty] public bool DryRun { get; set; }
    [BindProperty] public string? Sections { get; set; }

    public ImportJob? Job { get; private set; }

    public void OnGet(Guid? job) => Job = job is { } id ? jobs.Find(id) : jobs.Running;

    public IActionResult OnGetStatus(Guid job)
    {
        if (jobs.Find(job) is not { } found) return NotFound();
        var p = found.Progress;
        return new JsonResult(new { phase = p.Phase, done = p.Done, total = p.Total, finished = found.Done, failed = found.Report?.Failed ?? found.Crash is not null });
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (ImportFormats.Find(Format) is not { } format)
        {
            Fail("format", $"Choose what made the file: {string.Join(" or ", ImportFormats.All.Select(f => f.Label))}.");
            return Page();
        }
        if (file is null || file.Length == 0)
        {
            Fail("file", "Choose the export file to import.");
            return Page();
        }
        if (jobs.Running is { } running)
        {
            Fail("file", "Another import is running; wait for it to finish.");
            Job = running;
            return Page();
        }
        var folder = Path.Combine(options.Value.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.upload");
        await using (var target = System.IO.File.Create(path)) await file.CopyToAsync(target, ct);
        var sections = format.TakesSections && !string.IsNullOrWhiteSpace(Sections)
            ? Sections.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;
        var job = jobs.Start(path, format, Path.GetFileName(file.FileName), DryRun, sections, Me.UserId);
        if (job is null)
        {
            System.IO.File.Delete(path);
            Fail("file", "Another import is running; wait for it to finish.");
            return Page();
        }
        return Redirect($"/newsroom/import?job={job.Id}");
    }
}
