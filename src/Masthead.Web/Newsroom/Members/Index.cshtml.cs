using System.Globalization;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Members;

/// <summary>
/// Editors' and admins' list of members: search by address or name, filter by status, newsletter and label, page through,
/// and export what the filters select as CSV. Deleted members are counted here, never listed: nothing of them is left.
/// </summary>
public sealed class MembersModel(MastheadDbContext db, NewsroomSession session) : ManagementPage(session)
{
    public const int PageSize = 50;

    protected override bool MayUse(Role role) => Permissions.CanManageMembers(role);

    public sealed record Row(int Id, string Email, string? Name, MemberStatus Status, DateTime CreatedAt, string ConsentSource, IReadOnlyList<string> Newsletters,
        IReadOnlyList<string> Labels);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Newsletter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Label { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> NewsletterChoices { get; private set; } = [];
    /// <summary>Every label in use, for the filter.</summary>
    public IReadOnlyList<string> LabelChoices { get; private set; } = [];
    public int Total { get; private set; }
    public int Active { get; private set; }
    public int Pending { get; private set; }
    public int Deleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Status is { Length: > 0 } s && !(Enum.TryParse<MemberStatus>(s, out var parsed) && Enum.IsDefined(parsed) && parsed != MemberStatus.Deleted))
        {
            Fail("status", "Choose Active or Pending, or any status.");
            Status = null;
        }
        if (PageNumber < 1) PageNumber = 1;
        NewsletterChoices = (await db.Newsletters.AsNoTracking().OrderBy(n => n.Name).Select(n => new { n.Id, n.Name }).ToListAsync(ct))
            .Select(n => (n.Id, n.Name)).ToList();
        LabelChoices = await db.MemberLabels.AsNoTracking().Select(l => l.Name).Distinct().OrderBy(l => l).ToListAsync(ct);
        var counts = await db.Members.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Active = counts.FirstOrDefault(c => c.Key == MemberStatus.Active)?.Count ?? 0;
        Pending = counts.FirstOrDefault(c => c.Key == MemberStatus.Pending)?.Count ?? 0;
        Deleted = counts.FirstOrDefault(c => c.Key == MemberStatus.Deleted)?.Count ?? 0;
        var query = Filtered();
        Total = await query.CountAsync(ct);
        Rows = await RowsAsync(query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize), ct);
        return Page();
    }

    /// <summary>The members the filters select, as CSV (RFC 4180), for a spreadsheet or another mailing tool.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(Filtered().OrderBy(m => m.Id), ct);
        var csv = new StringBuilder("email,name,status,created_at,consent,newsletters,labels\r\n");
        foreach (var r in rows)
            csv.Append(Cell(r.Email)).Append(',').Append(Cell(r.Name ?? "")).Append(',').Append(r.Status).Append(',')
                .Append(r.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',').Append(Cell(r.ConsentSource)).Append(',')
                .Append(Cell(string.Join("; ", r.Newsletters))).Append(',').Append(Cell(string.Join(", ", r.Labels))).Append("\r\n");
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "members.csv");
    }

    /// <summary>Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs a member's name as a formula.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private IQueryable<Member> Filtered()
    {
        var query = db.Members.AsNoTracking().Where(m => m.Status != MemberStatus.Deleted);
        if (Enum.TryParse<MemberStatus>(Status, out var status)) query = query.Where(m => m.Status == status);
        if (Newsletter is { } n) query = query.Where(m => m.Subscriptions.Any(s => s.NewsletterId == n));
        if (Label is { Length: > 0 } label) query = query.Where(m => m.Labels.Any(l => l.Name == label));
        if (NulScrubber.Clean(Q)?.Trim().ToLowerInvariant() is { Length: > 0 } q)
            query = query.Where(m => m.Email!.Contains(q) || (m.Name != null && m.Name.ToLower().Contains(q)));
        return query;
    }

    private async Task<List<Row>> RowsAsync(IQueryable<Member> query, CancellationToken ct)
    {
        var names = await db.Newsletters.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        return (await query.Select(m => new
        {
            m.Id, m.Email, m.Name, m.Status, m.CreatedAt, m.ConsentSource, Ids = m.Subscriptions.Select(s => s.NewsletterId).ToList(),
            Labels = m.Labels.Select(l => l.Name).ToList(),
        })
                .ToListAsync(ct))
            .Select(m => new Row(m.Id, m.Email!, m.Name, m.Status, m.CreatedAt, m.ConsentSource,
                m.Ids.Select(id => names.GetValueOrDefault(id, "")).Order(StringComparer.Ordinal).ToList(), m.Labels.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    public string PageUrl(int page, string? handler = null)
    {
        var parts = new List<string>();
        if (handler is not null) parts.Add("handler=" + handler);
        if (Q is { Length: > 0 }) parts.Add("q=" + Uri.EscapeDataString(Q));
        if (Status is { Length: > 0 }) parts.Add("status=" + Uri.EscapeDataString(Status));
        if (Newsletter is { } n) parts.Add("newsletter=" + n.ToString(CultureInfo.InvariantCulture));
        if (Label is { Length: > 0 }) parts.Add("label=" + Uri.EscapeDataString(Label));
        if (page > 1) parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return "/newsroom/members" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }
}
