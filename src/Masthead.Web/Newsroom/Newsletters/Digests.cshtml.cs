using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Newsletters;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Newsletters;

/// <summary>Editors compose a digest (a subject, an introduction, published stories) for a newsletter and send it now or at a time.</summary>
public sealed class DigestsModel(MastheadDbContext db, DigestDesk desk, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    /// <summary>How many of the newest published stories the form offers.</summary>
    public const int Offered = 40;

    protected override bool MayUse(Role role) => Permissions.CanSendDigests(role);

    [BindProperty] public int? NewsletterId { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Intro { get; set; }
    [BindProperty] public List<int> ArticleIds { get; set; } = [];
    /// <summary>"now" or "later".</summary>
    [BindProperty] public string? When { get; set; }
    /// <summary>The time, in the publication's time zone, as the date-time field sends it (yyyy-MM-ddTHH:mm).</summary>
    [BindProperty] public string? SendAt { get; set; }

    public sealed record StoryRow(int Id, string Headline, string Section, DateTime PublishedAt, StoryAccess Access);

    public IReadOnlyList<(int Id, string Name)> Newsletters { get; private set; } = [];
    public IReadOnlyList<StoryRow> Stories { get; private set; } = [];
    public IReadOnlyList<NewslettersModel.SendRow> Sends { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "sent" => "The digest is on its way: the progress is below.",
            "scheduled" => "The digest is scheduled: it goes at the time you chose.",
            _ => null,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        DateTime? at = null;
        if (When == "later")
        {
            if (!DateTime.TryParseExact(SendAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                Fail("sendAt", $"Give the date and time it should go, as year-month-day and hour:minute ({Zone.Id} time).");
                return Page();
            }
            at = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
        }
        var result = await desk.QueueAsync(new DigestInput(NewsletterId, Subject, Intro, ArticleIds, at), Me, ct);
        if (result.Outcome == Masthead.Core.Common.Outcome.Created) return Redirect($"/newsroom/digests?done={(at is null ? "sent" : "scheduled")}");
        return await AnswerAsync(result, "/newsroom/digests", () => Task.CompletedTask);
    }

    public string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task LoadAsync(CancellationToken ct)
    {
        var model = await site.GetAsync();
        Zone = model.TimeZone;
        Newsletters = (await db.Newsletters.AsNoTracking().Where(n => n.ArchivedAt == null).OrderBy(n => n.Name).Select(n => new { n.Id, n.Name }).ToListAsync(ct))
            .Select(n => (n.Id, n.Name)).ToList();
        Stories = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id).Take(Offered)
            .Select(a => new StoryRow(a.Id, a.Headline, a.PrimarySection.Name, a.FirstPublishedAt!.Value, a.Access))
            .ToListAsync(ct);
        Sends = await NewslettersModel.SendRowsAsync(db, db.NewsletterSends.Where(s => s.DigestId != null), ct);
    }
}
