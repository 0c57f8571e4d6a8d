using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Publication;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>
/// Admins turn open and click tracking of newsletters on or off (off unless they do). Saved on the publication's row, so
/// every node's site model (and the privacy page) follows through the content-change feed.
/// </summary>
public sealed class MailTrackingSetting(MastheadDbContext db, TimeProvider time)
{
    public async Task<bool> IsOnAsync(CancellationToken ct) =>
        await db.Publication.AsNoTracking().OrderBy(p => p.Id).Select(p => p.MailTracking).FirstOrDefaultAsync(ct);

    public async Task<Result<bool>> SetAsync(bool on, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanManageNewsletters(editor.Role)) return Result<bool>.Forbidden("Only admins turn newsletter tracking on or off.");
        var settings = await db.Publication.OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (settings is null) db.Publication.Add(settings = new PublicationSettings());
        if (settings.MailTracking == on) return Result<bool>.Ok(on);
        var now = time.UtcNow();
        settings.MailTracking = on;
        settings.ModifiedAt = now;
        AuditTrail.Record(db, now, editor, on ? "turned newsletter tracking on" : "turned newsletter tracking off", "settings", settings.Id,
            detail: on ? "sends that start from now carry an open pixel and tracked links" : "sends that start from now are not tracked");
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(on);
    }
}
