using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>Every story the person may open, filterable by status and headline. Contributors and authors see their own.</summary>
public sealed class StoriesModel(MastheadDbContext db, NewsroomSession session, SiteContext site) : PageModel
{
    private const int PageSize = 50;
    public sealed record Row(int Id, string Headline, ArticleStatus Status, string Section, string Who, DateTime ModifiedAt);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ArticleStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public int PageCount { get; private set; } = 1;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task OnGetAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var me = session.Editor;
        var query = db.Articles.AsNoTracking();
        if (!Permissions.CanEditOthersArticles(me.Role)) query = query.Where(a => a.CreatedByUserId == me.UserId);
        if (Status is { } s) query = query.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(Q)) { var q = Q.Trim().ToLower(); query = query.Where(a => a.Headline.ToLower().Contains(q)); }
        var total = await query.CountAsync(ct);
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await query.OrderByDescending(a => a.ModifiedAt).ThenByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new { a.Id, a.Headline, a.Status, a.PrimarySection.Name, a.ModifiedAt, User = a.LastEditedByUserId ?? a.CreatedByUserId }).ToListAsync(ct);
        var ids = rows.Select(r => r.User).OfType<int>().Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Rows = rows.Select(r => new Row(r.Id, r.Headline, r.Status, r.Name, r.User is { } u && names.TryGetValue(u, out var n) ? n : "Masthead", r.ModifiedAt)).ToList();
    }
}
