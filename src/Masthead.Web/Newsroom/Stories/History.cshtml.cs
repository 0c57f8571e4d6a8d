using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Revisions;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// Every saved version of a story: who saved it and when, a comparison of any two (field by field, and the
/// body line by line), and "restore", which saves the old version again as a new one. Whoever may edit the
/// story may do all of this; nobody else may see it.
/// </summary>
public sealed class HistoryModel(MastheadDbContext db, SaveArticle save, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanWriteArticles(role);

    public sealed record Revision(long Id, int Version, DateTime At, string Who);

    public Article Story { get; private set; } = null!;
    public IReadOnlyList<Revision> Revisions { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public long? From { get; set; }
    [BindProperty(SupportsGet = true)] public long? To { get; set; }
    public Revision? Before { get; private set; }
    public Revision? After { get; private set; }
    public IReadOnlyList<RevisionDiff.Field> Fields { get; private set; } = [];
    public IReadOnlyList<RevisionDiff.Line> BodyLines { get; private set; } = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Me.MayEdit(Story)) return Refuse();
        await CompareAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, long revision, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Me.MayEdit(Story)) return Refuse();
        var number = Revisions.FirstOrDefault(r => r.Id == revision)?.Version;
        db.ChangeTracker.Clear();
        var result = await save.RestoreAsync(id, revision, version, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Outcome == Outcome.Ok)
            return Redirect($"/newsroom/stories/{id}?saved={Uri.EscapeDataString($"Version {number} restored, as a new version.")}");
        Fail(result);
        if (result.Outcome == Outcome.Stale)
            Errors = new Dictionary<string, string[]> { ["version"] = ["Someone saved the story after you opened this page, so nothing was restored. Look at the list again and choose."] };
        await LoadAsync(id, ct);
        await CompareAsync(ct);
        return Page();
    }

    private async Task CompareAsync(CancellationToken ct)
    {
        if (Revisions.Count < 2) return;
        // By default: what the last save changed.
        var to = To is { } t ? Revisions.FirstOrDefault(r => r.Id == t) : Revisions[0];
        var from = From is { } f ? Revisions.FirstOrDefault(r => r.Id == f) : Revisions.SkipWhile(r => r.Id != to?.Id).Skip(1).FirstOrDefault();
        if (from is null || to is null)
        {
            Fail("compare", "Choose two versions of this story to compare.");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Always older on the left, whichever way round they were chosen.
        if (from.Version > to.Version) (from, to) = (to, from);
        (Before, After, From, To) = (from, to, from.Id, to.Id);
        var snapshots = await db.ArticleRevisions.AsNoTracking().Where(r => r.Id == from.Id || r.Id == to.Id)
            .ToDictionaryAsync(r => r.Id, r => ArticleSnapshot.FromJson(r.Snapshot), ct);
        var (a, b) = (snapshots[from.Id], snapshots[to.Id]);
        Fields = RevisionDiff.Fields(a, b);
        BodyLines = RevisionDiff.Body(a.Body, b.Body);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var story = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (story is null) return false;
        Story = story;
        Revisions = (await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id)
                .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id)
                .Select(r => new { r.Id, r.Version, r.At, r.UserName }).ToListAsync(ct))
            .Select(r => new Revision(r.Id, r.Version, r.At, r.UserName.Length > 0 ? r.UserName : "Masthead")).ToList();
        return true;
    }
}
