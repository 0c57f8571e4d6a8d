using System.Text;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Members;

/// <summary>Import members from a CSV of email,name, with the newsletters they will receive; consent is recorded as imported.</summary>
public sealed class ImportMembersModel(MastheadDbContext db, MemberImport import, NewsroomSession session) : ManagementPage(session)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    protected override bool MayUse(Role role) => Permissions.CanManageMembers(role);

    [BindProperty(Name = "File")] public IFormFile? Upload { get; set; }
    [BindProperty] public List<int> NewsletterIds { get; set; } = [];
    [BindProperty] public bool Consent { get; set; }

    public IReadOnlyList<(int Id, string Name, bool IsDefault)> Newsletters { get; private set; } = [];
    public MemberImportReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NewsletterIds = Newsletters.Where(n => n.IsDefault).Select(n => n.Id).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Consent)
        {
            Fail("consent", "Tick the box to confirm these people agreed to receive your mail; they get no confirmation email.");
            return Page();
        }
        if (Upload is null || Upload.Length == 0)
        {
            Fail("file", "Choose a CSV file to import.");
            return Page();
        }
        if (Upload.Length > MaxBytes)
        {
            Fail("file", "The file is larger than 5 MB; split it and import the parts one after another.");
            return Page();
        }
        string text;
        using (var reader = new StreamReader(Upload.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try { text = await reader.ReadToEndAsync(ct); }
            catch (DecoderFallbackException)
            {
                Fail("file", "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.");
                return Page();
            }
        }
        var result = await import.ImportAsync(text, NewsletterIds, Me, ct);
        if (result.Outcome == Masthead.Core.Common.Outcome.Forbidden) return Refuse();
        if (result.Value is not { } report)
        {
            Fail(result);
            return Page();
        }
        Report = report;
        Notice = $"{report.Added} member{(report.Added == 1 ? "" : "s")} added; {report.AlreadyMembers} already a member; {report.Problems.Count} line{(report.Problems.Count == 1 ? "" : "s")} skipped.";
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Newsletters = (await db.Newsletters.AsNoTracking().Where(n => n.ArchivedAt == null).OrderBy(n => n.Name)
            .Select(n => new { n.Id, n.Name, n.DefaultForNewMembers }).ToListAsync(ct)).Select(n => (n.Id, n.Name, n.DefaultForNewMembers)).ToList();
}
