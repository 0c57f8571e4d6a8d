using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Audit;

/// <summary>Who did what to what, and when: every audit event, newest first, filterable by person and by kind of thing.</summary>
public sealed class AuditModel(MastheadDbContext db, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanReadAuditLog(role);

    public const int PageSize = 50;
    /// <summary>The person filter's value for what the system did (scheduler, command line, demo loader).</summary>
    public const string System = "system";

    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public IReadOnlyList<(string Value, string Name)> People { get; private set; } = [];
    public IReadOnlyList<string> Types { get; private set; } = [];
    public int PageCount { get; private set; } = 1;
    public int Total { get; private set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task OnGetAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        People = users.Select(u => (u.Id.ToString(CultureInfo.InvariantCulture), u.DisplayName))
            .Prepend((System, "Masthead (scheduler and command line)")).ToList();
        Types = await db.AuditEvents.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

        var events = db.AuditEvents.AsNoTracking();
        if (Person == System) events = events.Where(e => e.UserId == null);
        else if (int.TryParse(Person, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)) events = events.Where(e => e.UserId == userId);
        if (!string.IsNullOrEmpty(Type)) events = events.Where(e => e.EntityType == Type);
        Total = await events.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Events = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public string PageLink(int page) =>
        $"/newsroom/audit?person={Uri.EscapeDataString(Person ?? "")}&type={Uri.EscapeDataString(Type ?? "")}&p={page}";

    /// <summary>Where the thing acted on can be opened, when it can.</summary>
    public static string? Link(AuditEvent e) => e switch
    {
        { ArticleId: { } article } => $"/newsroom/stories/{article}",
        { EntityType: "section", EntityId: { } id, Action: not "deleted a section" } => $"/newsroom/sections/{id}",
        { EntityType: "tag", EntityId: { } id, Action: not "deleted a tag" } => $"/newsroom/tags/{id}",
        { EntityType: "author", EntityId: { } id } => $"/newsroom/authors/{id}",
        { EntityType: "user", EntityId: { } id } => $"/newsroom/people#person-{id}",
        { EntityType: "settings" } => "/newsroom/settings",
        { EntityType: "token", EntityId: { } id } => $"/newsroom/settings/tokens#token-{id}",
        _ => null,
    };

    /// <summary>The words of the link to what was acted on: its name when the event kept one.</summary>
    public static string Label(AuditEvent e) =>
        !string.IsNullOrEmpty(e.Detail) ? e.Detail
        : e.EntityType == "user" && e.EntityId == e.UserId ? $"{e.UserName} (their own account)"
        : $"{Kind(e.EntityType)} {e.EntityId}";

    public static string Kind(string entityType) => entityType switch
    {
        "article" => "Story",
        "section" => "Section",
        "tag" => "Tag",
        "author" => "Author",
        "user" => "Person",
        "invitation" => "Invitation",
        "settings" => "Settings",
        "token" => "API token",
        _ => entityType.Length == 0 ? "—" : char.ToUpperInvariant(entityType[0]) + entityType[1..],
    };
}
