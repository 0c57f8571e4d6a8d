using Masthead.Core.Common;
using Masthead.Core.Data;

namespace Masthead.Core.Changes;

/// <summary>
/// For work that changes content wholesale (an import, a restore, the demo) and says so once at the end: writes the
/// change record itself. Ordinary saves need no call: <see cref="ContentChangeRecorder"/> records them as they commit.
/// </summary>
public sealed class RecordedContentChanges(MastheadDbContext db, TimeProvider time) : IContentChangeNotifier
{
    public async Task ContentChangedAsync(ContentChange change, CancellationToken ct)
    {
        db.ContentChanges.Add(ContentChangeRecord.From(change, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }
}
