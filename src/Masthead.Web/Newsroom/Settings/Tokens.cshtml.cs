using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>
/// API tokens: every token, whose rights it carries and whether it still works; create one (its secret is
/// shown on this response only, and only its hash is kept) or revoke one.
/// </summary>
public sealed class TokensModel(MastheadDbContext db, AccountService accounts, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageUsers(role);

    public sealed record Row(int Id, string Name, int UserId, string Owner, Role Role, DateTime CreatedAt, DateTime? RevokedAt);

    [BindProperty] public string? TokenName { get; set; }
    [BindProperty] public int? TokenUser { get; set; }
    /// <summary>Only yours, or everyone's.</summary>
    [BindProperty(SupportsGet = true)] public bool All { get; set; } = true;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, Role Role)> People { get; private set; } = [];
    public string? Secret { get; private set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done == "revoked" ? "Token revoked: requests that use it are refused from now on." : null;
        TokenUser = Me.UserId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await accounts.CreateTokenForAsync(TokenUser, TokenName, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Value is { } secret)
        {
            Secret = secret;
            Notice = $"Token “{TokenName!.Trim()}” created.";
            TokenName = null;
        }
        else Fail(result);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var result = await accounts.RevokeTokenAsync(id, Me, ct);
        return await AnswerAsync(result, $"/newsroom/settings/tokens?done=revoked#token-{id}", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        var tokens = db.ApiTokens.AsNoTracking();
        if (!All) tokens = tokens.Where(t => t.UserId == Me.UserId);
        Rows = await tokens.OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.CreatedAt)
            .Select(t => new Row(t.Id, t.Name, t.UserId, t.User.DisplayName, t.User.Role, t.CreatedAt, t.RevokedAt)).ToListAsync(ct);
        People = (await db.Users.AsNoTracking().Where(u => u.DeactivatedAt == null).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct)).Select(u => (u.Id, u.DisplayName, u.Role)).ToList();
    }
}
