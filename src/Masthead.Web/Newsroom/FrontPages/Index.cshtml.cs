using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Curation;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.FrontPages;

/// <summary>
/// The stories that lead the home page and each section's page, one page at a time: pin, order, unpin. Changes reach
/// readers through the usual content-change path (every node's cache, and the CDN).
/// </summary>
public sealed class FrontPagesModel(MastheadDbContext db, FrontPagePins pins, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanCurateFrontPages(role);

    /// <summary>How many recent stories the "pin a story" list offers.</summary>
    private const int Candidates = 60;

    /// <summary>The page being arranged: a section's path, or empty for the home page.</summary>
    [BindProperty(SupportsGet = true, Name = "at")] public string? At { get; set; }
    public SectionNode? Section { get; private set; }
    public string PlaceName => Section?.Name ?? "Home page";
    public string PlaceUrl => Section?.Url ?? "/";
    public IReadOnlyList<(string Path, string Name, int Depth)> Places { get; private set; } = [];
    public IReadOnlyList<FrontPagePins.PinnedStory> Pinned { get; private set; } = [];
    public IReadOnlyList<(int Id, string Headline, ArticleStatus Status)> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Notice = done switch
        {
            "pinned" => "Pinned. Readers see it at the top once the story is published.",
            "moved" => "Order saved.",
            "unpinned" => "Unpinned.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPinAsync(int articleId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return await AnswerAsync(Ok(await pins.PinAsync(articleId, Section?.Id, Me, ct)), Done("pinned"), () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostMoveAsync(int pinId, bool up, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return await AnswerAsync(await pins.MoveAsync(pinId, up, Me, ct), Done("moved"), () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostUnpinAsync(int pinId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return await AnswerAsync(await pins.UnpinAsync(pinId, Me, ct), Done("unpinned"), () => LoadAsync(ct));
    }

    private string Done(string what) => $"/newsroom/front-pages?{(Section is null ? "" : $"at={Uri.EscapeDataString(Section.Path)}&")}done={what}";

    /// <summary>The form's redirect follows an Ok; a pin made is Created, which means the same here.</summary>
    private static Result<Pin> Ok(Result<Pin> result) => result.Outcome == Outcome.Created ? Result<Pin>.Ok(result.Value!) : result;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var model = await site.GetAsync();
        Places = model.SectionChoices();
        Section = null;
        if (!string.IsNullOrWhiteSpace(At))
        {
            if (!model.SectionsByPath.TryGetValue(At.Trim(), out var section)) return false;
            Section = section;
        }
        Pinned = await pins.ListAsync(Section?.Id, ct);
        var pinnedIds = Pinned.Select(p => p.ArticleId).ToList();
        var stories = db.Articles.AsNoTracking().HoldingReviewedText();
        if (Section is not null)
        {
            var ids = Section.SelfAndDescendants().Select(s => s.Id).ToList();
            stories = stories.InSections(ids);
        }
        Choices = (await stories.Where(a => !pinnedIds.Contains(a.Id))
                .OrderByDescending(a => a.FirstPublishedAt ?? a.ScheduledFor ?? a.ModifiedAt).ThenByDescending(a => a.Id).Take(Candidates)
                .Select(a => new { a.Id, a.Headline, a.Status }).ToListAsync(ct))
            .Select(a => (a.Id, a.Headline, a.Status)).ToList();
        return true;
    }
}
