using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// Every story the person may open, searchable and filterable, with actions on several at once (after a
/// confirmation naming each). Contributors and authors see their own.
/// </summary>
public sealed class StoriesModel(MastheadDbContext db, NewsroomSession session, SiteContext site, BulkEdit bulk) : PageModel
{
    private const int PageSize = 50;
    public sealed record Row(int Id, string Headline, ArticleStatus Status, string Section, string Who, DateTime ModifiedAt);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ArticleStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "in")] public string? InSection { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(string Path, string Name, int Depth)> Sections { get; private set; } = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    // ---- several stories at once ----
    [BindProperty] public List<int> Ids { get; set; } = [];
    [BindProperty] public BulkAction? Action { get; set; }
    [BindProperty] public string? Tag { get; set; }
    [BindProperty] public string? MoveTo { get; set; }
    /// <summary>The stories chosen, awaiting the person's confirmation.</summary>
    public IReadOnlyList<Row> ToConfirm { get; private set; } = [];
    public IReadOnlyList<BulkEdit.Outcome> Report { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The query string of the current search, for the pager and for coming back after an action.</summary>
    public string Filters(int? page = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["status"] = Status?.ToString(), ["in"] = InSection, ["p"] = (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    public Task OnGetAsync(CancellationToken ct) => ListAsync(ct);

    /// <summary>First shows what will happen to which stories; only the confirmed form changes them.</summary>
    public async Task<IActionResult> OnPostBulkAsync(bool confirmed, CancellationToken ct)
    {
        if (Action is not { } action) Errors = new Dictionary<string, string[]> { ["action"] = ["Choose what to do with the chosen stories."] };
        else if (BulkEdit.Problem(action, Ids, action == BulkAction.AddTag ? Tag : MoveTo) is { } problem) Errors = new Dictionary<string, string[]> { ["action"] = [problem] };
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await ListAsync(ct);
            return Page();
        }
        if (!confirmed)
        {
            ToConfirm = await RowsAsync(Visible().Where(a => Ids.Contains(a.Id)).OrderByDescending(a => a.ModifiedAt), ct);
            if (ToConfirm.Count == 0)
            {
                Errors = new Dictionary<string, string[]> { ["ids"] = ["None of the chosen stories is one you can open."] };
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            await ListAsync(ct);
            return Page();
        }
        Report = await bulk.ApplyAsync(Action!.Value, Ids, Action == BulkAction.AddTag ? Tag : MoveTo, session.Editor, ct);
        // Nothing done at all because the person may do none of it is a refusal, as for one story.
        if (Report.All(r => r.Refused))
            Response.StatusCode = StatusCodes.Status403Forbidden;
        await ListAsync(ct);
        return Page();
    }

    /// <summary>What the confirmation says will happen.</summary>
    public string Describe() => Action switch
    {
        BulkAction.Submit => "Send for review",
        BulkAction.Unpublish => "Unpublish (readers will no longer see them)",
        BulkAction.AddTag => $"Add the tag “{Tag?.Trim()}”",
        BulkAction.MoveToSection => $"Move to {Sections.FirstOrDefault(s => s.Path == MoveTo).Name ?? MoveTo}",
        _ => "",
    };

    public static string Label(BulkAction action) => action switch
    {
        BulkAction.Submit => "Send for review",
        BulkAction.Unpublish => "Unpublish",
        BulkAction.AddTag => "Add a tag",
        BulkAction.MoveToSection => "Move to a section",
        _ => action.ToString(),
    };

    private IQueryable<Article> Visible()
    {
        var me = session.Editor;
        var query = db.Articles.AsNoTracking();
        return Permissions.CanEditOthersArticles(me.Role) ? query : query.Where(a => a.CreatedByUserId == me.UserId);
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var model = await site.GetAsync();
        _zone = model.TimeZone;
        Sections = model.SectionChoices();
        var query = Visible();
        if (Status is { } s) query = query.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(InSection))
        {
            var path = InSection.Trim();
            var below = path + "/";
            query = query.Where(a => a.PrimarySection.Path == path || a.PrimarySection.Path.StartsWith(below)
                || a.SecondarySections.Any(x => x.Section.Path == path || x.Section.Path.StartsWith(below)));
        }
        // Every word must appear somewhere a newsroom would look for it: headline, standfirst, text, section, byline or tag.
        foreach (var word in Words(Q))
        {
            query = query.Where(a => a.Headline.ToLower().Contains(word) || a.Standfirst.ToLower().Contains(word) || a.BodyText.ToLower().Contains(word)
                || a.PrimarySection.Name.ToLower().Contains(word) || a.Bylines.Any(b => b.Author.Name.ToLower().Contains(word))
                || a.Tags.Any(t => t.Tag.Name.ToLower().Contains(word)));
        }
        Total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await RowsAsync(query.OrderByDescending(a => a.ModifiedAt).ThenByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize), ct);
    }

    /// <summary>The search's words, lower-cased; a handful at most, so one request stays one modest query.</summary>
    public static IReadOnlyList<string> Words(string? q) =>
        (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant()).Distinct().Take(8).ToList();

    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<Article> query, CancellationToken ct)
    {
        var rows = await query.Select(a => new { a.Id, a.Headline, a.Status, a.PrimarySection.Name, a.ModifiedAt, User = a.LastEditedByUserId ?? a.CreatedByUserId })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.User).OfType<int>().Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new Row(r.Id, r.Headline, r.Status, r.Name, r.User is { } u && names.TryGetValue(u, out var n) ? n : "Masthead", r.ModifiedAt)).ToList();
    }

}
