using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Members;

/// <summary>One member as editors see them: address, consent, newsletters, and their history.</summary>
public sealed class MemberModel(MastheadDbContext db, MemberLabels labels, NewsroomSession session) : ManagementPage(session)
{
    protected override bool MayUse(Role role) => Permissions.CanManageMembers(role);

    public IReadOnlyList<string> Labels { get; private set; } = [];
    [BindProperty] public string? NewLabel { get; set; }

    public Member Member { get; private set; } = null!;
    public IReadOnlyList<string> Newsletters { get; private set; } = [];
    public IReadOnlyList<MemberEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        Notice = done switch { "labelled" => "Label added.", "unlabelled" => "Label removed.", _ => null };
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddLabelAsync(int id, CancellationToken ct)
    {
        var result = await labels.AddAsync(id, NewLabel, Me, ct);
        if (result.Outcome is Masthead.Core.Common.Outcome.Created) return Redirect($"/newsroom/members/{id}?done=labelled");
        return await AnswerAsync(result, $"/newsroom/members/{id}?done=labelled", () => LoadAsync(id, ct));
    }

    public async Task<IActionResult> OnPostRemoveLabelAsync(int id, string? label, CancellationToken ct) =>
        await AnswerAsync(await labels.RemoveAsync(id, label, Me, ct), $"/newsroom/members/{id}?done=unlabelled", () => LoadAsync(id, ct));

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.Status != MemberStatus.Deleted, ct);
        if (member is null) return false;
        Labels = await db.MemberLabels.AsNoTracking().Where(l => l.MemberId == id).OrderBy(l => l.Name).Select(l => l.Name).ToListAsync(ct);
        Member = member;
        Newsletters = await db.NewsletterSubscriptions.Where(s => s.MemberId == id).Join(db.Newsletters, s => s.NewsletterId, n => n.Id, (s, n) => n.Name)
            .OrderBy(n => n).ToListAsync(ct);
        History = await db.MemberEvents.AsNoTracking().Where(e => e.MemberId == id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(200).ToListAsync(ct);
        return true;
    }

    public static string Describe(MemberEvent e) => e.Kind switch
    {
        MemberEventKind.SignedUp => "Signed up" + (e.Detail is null ? "" : $" ({e.Detail})"),
        MemberEventKind.Imported => "Imported" + (e.Detail is null ? "" : $" ({e.Detail})"),
        MemberEventKind.Confirmed => "Confirmed their address",
        MemberEventKind.SignedIn => "Signed in",
        MemberEventKind.ChangedName => "Changed their name",
        MemberEventKind.ChangedEmail => "Changed their email address",
        MemberEventKind.Subscribed => $"Chose {e.Detail}",
        MemberEventKind.Unsubscribed => $"Unsubscribed from {e.Detail}",
        MemberEventKind.DownloadedData => "Downloaded their data",
        MemberEventKind.Bounced => "Mail to them bounced for good; newsletters stopped" + (e.Detail is null ? "" : $" ({e.Detail})"),
        MemberEventKind.SoftBounced => "Mail to them bounced for now" + (e.Detail is null ? "" : $" ({e.Detail})"),
        MemberEventKind.Complained => "Reported a newsletter as spam; newsletters stopped" + (e.Detail is null ? "" : $" ({e.Detail})"),
        MemberEventKind.Opened => $"Opened {e.Detail}",
        MemberEventKind.Clicked => $"Followed a link in {e.Detail}",
        _ => e.Kind.ToString(),
    };
}
