using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.LiveBlogs;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// A story's live coverage: start and end it, post entries, change or remove them. Whoever may edit the story sees
/// the page; the rules of <see cref="LiveBlogDesk"/> decide who may change anything.
/// </summary>
public sealed class LiveModel(MastheadDbContext db, LiveBlogDesk desk, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanWriteArticles(role);

    public Article Story { get; private set; } = null!;
    public IReadOnlyList<LiveEntry> Entries { get; private set; } = [];
    /// <summary>The new entry's text, kept when the form comes back with a problem.</summary>
    public string Body { get; private set; } = "";
    public bool KeyEvent { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    /// <summary>On a public story entries reach readers at once, so changing them takes the right to publish it.</summary>
    public bool MayPost => !Story.IsPublic || Me.MayPublish(Story);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Me.MayEdit(Story)) return Refuse();
        Notice = Done;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(int id, CancellationToken ct) =>
        await AnswerAsync(await desk.StartAsync(id, Me, ct), Back(id, "Live coverage started."), () => LoadAsync(id, ct));

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct) =>
        await AnswerAsync(await desk.EndAsync(id, Me, ct), Back(id, "Live coverage ended."), () => LoadAsync(id, ct));

    public async Task<IActionResult> OnPostEntryAsync(int id, string? body, bool keyEvent, CancellationToken ct)
    {
        var result = await desk.PostAsync(id, new LiveEntryInput(body, keyEvent), Me, ct);
        // Posted answers Created; the form shows the confirmation the same way as for the other verbs.
        var answer = result.Outcome == Outcome.Created ? Result<LiveEntry>.Ok(result.Value!) : result;
        (Body, KeyEvent) = (body ?? "", keyEvent);
        return await AnswerAsync(answer, Back(id, "Entry posted."), () => LoadAsync(id, ct));
    }

    public async Task<IActionResult> OnPostEditAsync(int id, int entryId, string? body, bool keyEvent, CancellationToken ct) =>
        await AnswerAsync(await desk.EditAsync(id, entryId, new LiveEntryInput(body ?? "", keyEvent), Me, ct), Back(id, "Entry saved."), () => LoadAsync(id, ct));

    public async Task<IActionResult> OnPostDeleteAsync(int id, int entryId, CancellationToken ct) =>
        await AnswerAsync(await desk.DeleteAsync(id, entryId, Me, ct), Back(id, "Entry deleted."), () => LoadAsync(id, ct));

    private static string Back(int id, string done) => $"/newsroom/stories/{id}/live?done={Uri.EscapeDataString(done)}";

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var story = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (story is null) return false;
        Story = story;
        Entries = await db.LiveEntries.AsNoTracking().Include(e => e.Author).Where(e => e.ArticleId == id)
            .OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).ToListAsync(ct);
        return true;
    }
}
