using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Web.Hosting;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.People;

/// <summary>
/// Everyone with a newsroom account: their role, when they last signed in, whether they are locked out; admins
/// change roles, deactivate and reactivate accounts (never delete them), invite people and withdraw invitations.
/// </summary>
public sealed class PeopleModel(MastheadDbContext db, UserAdministration admin, AccountLinks links, AccountMailer mailer,
    IOptions<MastheadOptions> options, SiteContext site, TimeProvider time, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageUsers(role);

    public sealed record Person(int Id, string Name, string Email, Role Role, DateTime? LastSignIn, DateTime? DeactivatedAt, string? Author,
        string? AuthorSlug = null);
    public sealed record Invitation(int Id, string Email, Role Role, string InvitedBy, DateTime ExpiresAt);

    [BindProperty] public string? InviteEmail { get; set; }
    [BindProperty] public string? InviteRole { get; set; } = nameof(Role.Contributor);

    public IReadOnlyList<Person> People { get; private set; } = [];
    /// <summary>Every author profile, for linking an account to the one it writes as.</summary>
    public IReadOnlyList<(string Slug, string Name)> Authors { get; private set; } = [];
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];
    /// <summary>The link of an invitation just made, shown once so it can be passed on by hand too.</summary>
    public string? InvitationLink { get; private set; }
    public bool InvitationEmailed { get; private set; }
    public DateTime Now { get; private set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done switch
        {
            "role" => "Role changed. It applies from their next click.",
            "deactivated" => "Account deactivated: they are signed out and their API tokens stop working. Their name stays on their work.",
            "reactivated" => "Account reactivated: they can sign in again.",
            "revoked" => "Invitation withdrawn: its link no longer works.",
            "author" => "Linked: new stories by this person carry that byline.",
            "signed-out" => "Signed out everywhere: every browser they were signed in with must sign in again.",
            _ => null,
        };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (ParseRole(InviteRole) is not { } role)
        {
            Fail("role", "Choose the role to invite them as: contributor, author, editor or admin.");
            await LoadAsync(ct);
            return Page();
        }
        var result = await links.InviteAsync(InviteEmail, role, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Value is { } secret)
        {
            var email = InviteEmail!.Trim().ToLowerInvariant();
            InvitationLink = $"{options.Value.BaseUrl.TrimEnd('/')}/newsroom/invitation?token={Uri.EscapeDataString(secret)}";
            var publication = (await site.GetAsync()).Name;
            InvitationEmailed = await mailer.SendAsync(email, $"You are invited to the {publication} newsroom",
                $"{Me.Name} invites you to join the {publication} newsroom as {Article(role)}. Follow this link to choose your password. It works once, for seven days.",
                InvitationLink, ct);
            var replaced = result.Message is null ? "" : " " + result.Message;
            Notice = InvitationEmailed
                ? $"Invitation emailed to {email} as {Article(role)}.{replaced}"
                : $"The invitation for {email} as {Article(role)} was not emailed ({(mailer.CanSend ? "the mail server refused it" : "no mail server is set up")}): copy the link below and send it to them yourself.{replaced}";
            // A fresh form for the next person: nobody should invite an admin by leaving the last choice in place.
            InviteEmail = null;
            InviteRole = nameof(Role.Contributor);
            ModelState.Clear();
        }
        else Fail(result);
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(int id, string? role, CancellationToken ct) =>
        DoAsync(ParseRole(role) is { } parsed ? admin.ChangeRoleAsync(id, parsed, Me, ct)
            : Task.FromResult(Result<User>.Invalid("role", "Choose contributor, author, editor or admin.")), "role", ct);

    // Bound as text and parsed here: a bad value must be refused, not quietly read as the first role.
    private static Role? ParseRole(string? value) =>
        Enum.TryParse<Role>(value, ignoreCase: true, out var role) && Enum.IsDefined(role) && !char.IsDigit(value![0]) ? role : null;

    public Task<IActionResult> OnPostAuthorAsync(int id, string? author, CancellationToken ct) =>
        DoAsync(admin.LinkAuthorAsync(id, author, Me, ct), "author", ct);

    public Task<IActionResult> OnPostSignOutEverywhereAsync(int id, CancellationToken ct) =>
        DoAsync(admin.SignOutEverywhereAsync(id, Me, ct), "signed-out", ct);

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) =>
        DoAsync(admin.DeactivateAsync(id, Me, ct), "deactivated", ct);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken ct) =>
        DoAsync(admin.ReactivateAsync(id, Me, ct), "reactivated", ct);

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var result = await admin.RevokeInvitationAsync(id, Me, ct);
        return await AnswerAsync(result, "/newsroom/people?done=revoked#invitations", () => LoadAsync(ct));
    }

    private async Task<IActionResult> DoAsync(Task<Result<User>> change, string done, CancellationToken ct)
    {
        var result = await change;
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Value is { } user) return Redirect($"/newsroom/people?done={done}#person-{user.Id}");
        Fail(result);
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>"an editor", "a contributor".</summary>
    public static string Article(Role role) =>
        (role == Role.Contributor ? "a " : "an ") + role.ToString().ToLowerInvariant();

    private async Task LoadAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        Now = time.GetUtcNow().UtcDateTime;
        var authors = db.Authors;
        People = await db.Users.AsNoTracking()
            .OrderBy(u => u.DeactivatedAt != null).ThenBy(u => u.DisplayName)
            .Select(u => new Person(u.Id, u.DisplayName, u.Email, u.Role, u.LastSignInAt, u.DeactivatedAt,
                authors.Where(a => a.Id == u.AuthorId).Select(a => a.Name).FirstOrDefault(),
                authors.Where(a => a.Id == u.AuthorId).Select(a => a.Slug).FirstOrDefault()))
            .ToListAsync(ct);
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new ValueTuple<string, string>(a.Slug, a.Name)).ToListAsync(ct);
        var pending = await admin.PendingInvitationsAsync(ct);
        var inviterIds = pending.Select(p => p.InvitedByUserId).OfType<int>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Invitations = pending.Select(p => new Invitation(p.Id, p.Email ?? "", p.Role,
            p.InvitedByUserId is { } by && names.TryGetValue(by, out var n) ? n : "Masthead", p.ExpiresAt)).ToList();
    }
}
