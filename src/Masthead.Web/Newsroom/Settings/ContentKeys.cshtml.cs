using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.ContentApi;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>
/// Content API keys, one per app that reads the publication's published content: create one (its secret is shown on
/// this response only, and only its hash is kept) or revoke one.
/// </summary>
public sealed class ContentKeysModel(MastheadDbContext db, ContentApiKeys keys, SiteContext site, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageContentApiKeys(role);

    public sealed record Row(int Id, string Name, string Hint, DateTime CreatedAt, DateTime? RevokedAt);

    [BindProperty] public string? KeyName { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Secret { get; private set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    public string Local(DateTime utc) => StoryStatus.Local(utc, _zone);

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done == "revoked" ? "Key revoked: apps that use it are refused from now on." : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await keys.CreateAsync(KeyName, Me, ct);
        if (result.Outcome == Outcome.Forbidden) return Refuse();
        if (result.Value is { } secret)
        {
            Secret = secret;
            Notice = $"Key “{KeyName!.Trim()}” created.";
            KeyName = null;
        }
        else Fail(result);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var result = await keys.RevokeAsync(id, Me, ct);
        return await AnswerAsync(result, $"/newsroom/settings/content-keys?done=revoked#key-{id}", () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        _zone = (await site.GetAsync()).TimeZone;
        Rows = await db.ContentApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new Row(k.Id, k.Name, k.Hint, k.CreatedAt, k.RevokedAt)).ToListAsync(ct);
    }
}
