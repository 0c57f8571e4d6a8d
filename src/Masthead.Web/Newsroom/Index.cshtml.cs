using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom;

/// <summary>The first screen after sign-in: what is mine to finish, what waits for review, what goes out next, what just went out.</summary>
public sealed class DashboardModel(MastheadDbContext db, NewsroomSession session, SiteContext site) : PageModel
{
    public sealed record Item(int Id, string Headline, ArticleStatus Status, string Who, DateTime When, ReviewComment? Comment = null);
    public sealed record StoryListing(string Id, string Title, string Empty, IReadOnlyList<Item> Items);

    public IReadOnlyList<StoryListing> Lists { get; private set; } = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task OnGetAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var me = session.Editor;
        var mayReview = Permissions.CanReview(me.Role);

        // First what editors sent back, with what they said: that is the writer's next job.
        var sentBack = await Query(db.Articles.Where(a => a.CreatedByUserId == me.UserId
            && (a.Status == ArticleStatus.ChangesRequested || (a.Pending != null && a.Pending.State == PendingState.ChangesRequested))), a => a.ModifiedAt, 15, ct);
        var comments = await ReviewComments.LatestAsync(db, sentBack.Select(i => i.Id).ToList(), ct);
        sentBack = sentBack.Select(i => i with { Comment = comments.GetValueOrDefault(i.Id) }).ToList();
        var mine = await Query(db.Articles.Where(a => a.CreatedByUserId == me.UserId && a.Status == ArticleStatus.Draft), a => a.ModifiedAt, 15, ct);
        var review = await Query(db.Articles.Where(a => (a.Status == ArticleStatus.InReview || a.Status == ArticleStatus.Approved)
            && (mayReview || a.CreatedByUserId == me.UserId)), a => a.ModifiedAt, 15, ct);
        var scheduled = await Query(db.Articles.Where(a => a.Status == ArticleStatus.Scheduled), a => a.ScheduledFor!.Value, 15, ct, ascending: true);
        var published = await Query(db.Articles.Published(), a => a.FirstPublishedAt!.Value, 10, ct);

        Lists =
        [
            new("sent-back", "Sent back to you", "Nothing has been sent back.", sentBack),
            new("mine", "My drafts", "Nothing in progress. Start a new story.", mine),
            new("review", mayReview ? "Waiting for review" : "My stories in review", "Nothing is waiting for review.", review),
            new("scheduled", "Scheduled", "Nothing is scheduled.", scheduled),
            new("published", "Recently published", "Nothing published yet.", published),
        ];
    }

    private async Task<List<Item>> Query(IQueryable<Article> articles, System.Linq.Expressions.Expression<Func<Article, DateTime>> when,
        int take, CancellationToken ct, bool ascending = false)
    {
        var ordered = ascending ? articles.OrderBy(when) : articles.OrderByDescending(when);
        var rows = await ordered.Take(take)
            .Select(a => new { a.Id, a.Headline, a.Status, a.ModifiedAt, a.ScheduledFor, a.FirstPublishedAt, a.LastEditedByUserId, a.CreatedByUserId })
            .ToListAsync(ct);
        var userIds = rows.Select(r => r.LastEditedByUserId ?? r.CreatedByUserId).OfType<int>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new Item(r.Id, r.Headline, r.Status,
            (r.LastEditedByUserId ?? r.CreatedByUserId) is { } u && names.TryGetValue(u, out var n) ? n : "Masthead",
            r.Status switch
            {
                ArticleStatus.Scheduled => r.ScheduledFor ?? r.ModifiedAt,
                ArticleStatus.Published => r.FirstPublishedAt ?? r.ModifiedAt,
                _ => r.ModifiedAt,
            })).ToList();
    }
}
