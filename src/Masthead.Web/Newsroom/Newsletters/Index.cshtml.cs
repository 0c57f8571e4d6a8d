using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Core.Newsletters;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Newsletters;

/// <summary>Admins' list of newsletters with their subscriber counts, and the form for a new one or a change to one.</summary>
public sealed class NewslettersModel(MastheadDbContext db, NewsletterDesk desk, MailTrackingSetting tracking, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageNewsletters(role);

    public sealed record Row(int Id, string Name, string Description, string Sender, bool IsDefault, int Members, DateTime? ArchivedAt);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? SenderName { get; set; }
    [BindProperty] public string? SenderEmail { get; set; }
    [BindProperty] public string? ReplyTo { get; set; }
    [BindProperty] public bool DefaultForNewMembers { get; set; }
    [BindProperty] public List<int> SectionIds { get; set; } = [];

    /// <summary>Whether sends that start now are tracked (opens and clicks).</summary>
    public bool TrackingOn { get; private set; }

    /// <summary>The newsletter being changed, or null for a new one.</summary>
    public int? EditingId { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Sections { get; private set; } = [];

    /// <summary>
    /// A send as the progress table shows it; "left" counts copies not yet handed to the mail server. <see cref="ArticleId"/>
    /// is null for a digest, whose subject is then the <see cref="Headline"/>. Opened and clicked count copies, each once,
    /// and only for a tracked send (<see cref="Tracked"/>).
    /// </summary>
    public sealed record SendRow(int Id, int? ArticleId, string Headline, string Newsletter, SendState State, DateTime RequestedAt, int Total, int Sent, int Failed,
        bool Tracked = false, int Opened = 0, int Clicked = 0)
    {
        public int Left => Math.Max(0, Total - Sent - Failed);
    }

    public IReadOnlyList<SendRow> Sends { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? edit, string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "saved" => "Newsletter saved.",
            "archived" => "Newsletter archived: it is offered to nobody and sent to nobody.",
            "tracking-on" => "Tracking is on: sends that start from now record opens and clicks, and the privacy page says so.",
            "tracking-off" => "Tracking is off: sends that start from now carry no pixel and no tracked links, and nothing more is recorded.",
            _ => null,
        };
        if (edit is { } id)
        {
            var n = await db.Newsletters.AsNoTracking().Include(x => x.Sections).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (n is null) return NotFound();
            EditingId = id;
            (Name, Description, SenderName, SenderEmail, ReplyTo, DefaultForNewMembers) = (n.Name, n.Description, n.SenderName, n.SenderEmail, n.ReplyTo, n.DefaultForNewMembers);
            SectionIds = n.Sections.Select(s => s.SectionId).ToList();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        EditingId = id;
        var result = await desk.SaveAsync(id, new NewsletterInput(Name, Description, SenderName, SenderEmail, ReplyTo, DefaultForNewMembers, SectionIds), Me, ct);
        if (result.Outcome is Masthead.Core.Common.Outcome.Created) return Redirect("/newsroom/newsletters?done=saved");
        return await AnswerAsync(result, "/newsroom/newsletters?done=saved", () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostArchiveAsync(int id, CancellationToken ct) =>
        await AnswerAsync(await desk.ArchiveAsync(id, Me, ct), "/newsroom/newsletters?done=archived", () => LoadAsync(ct));

    public async Task<IActionResult> OnPostTrackingAsync(bool on, CancellationToken ct) =>
        await AnswerAsync(await tracking.SetAsync(on, Me, ct), on ? "/newsroom/newsletters?done=tracking-on" : "/newsroom/newsletters?done=tracking-off", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        TrackingOn = await tracking.IsOnAsync(ct);
        var model = await site.GetAsync();
        Sections = model.SectionsById.Values.OrderBy(s => s.Path, StringComparer.Ordinal).Select(s => (s.Id, s.Name)).ToList();
        Rows = await db.Newsletters.AsNoTracking().OrderBy(n => n.ArchivedAt != null).ThenBy(n => n.Name)
            .Select(n => new Row(n.Id, n.Name, n.Description, n.SenderName + " <" + n.SenderEmail + ">", n.DefaultForNewMembers,
                db.NewsletterSubscriptions.Count(s => s.NewsletterId == n.Id && db.Members.Any(m => m.Id == s.MemberId && m.Status == Masthead.Core.Members.MemberStatus.Active)),
                n.ArchivedAt))
            .ToListAsync(ct);
        Sends = await SendRowsAsync(db, db.NewsletterSends, ct);
    }

    /// <summary>The newest 30 of the given sends, stories and digests alike, as the progress tables show them.</summary>
    public static Task<List<SendRow>> SendRowsAsync(MastheadDbContext db, IQueryable<NewsletterSend> sends, CancellationToken ct) =>
        sends.AsNoTracking().OrderByDescending(x => x.Id).Take(30)
            .Join(db.Newsletters, x => x.NewsletterId, n => n.Id, (x, n) => new SendRow(x.Id, x.ArticleId,
                db.Articles.Where(a => a.Id == x.ArticleId).Select(a => a.Headline).FirstOrDefault()
                    ?? db.Digests.Where(d => d.Id == x.DigestId).Select(d => "Digest: " + d.Subject).FirstOrDefault() ?? "",
                n.Name, x.State, x.RequestedAt, x.Total, x.SentCount, x.FailedCount, x.TrackingKey != null,
                db.NewsletterRecipients.Count(r => r.SendId == x.Id && r.OpenedAt != null),
                db.NewsletterRecipients.Count(r => r.SendId == x.Id && r.ClickedAt != null)))
            .ToListAsync(ct);
}
