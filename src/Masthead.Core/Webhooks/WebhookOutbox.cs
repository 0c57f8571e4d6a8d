using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.LiveBlogs;
using Masthead.Core.Sections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Core.Webhooks;

/// <summary>
/// Writes webhook events into the outbox as part of the SaveChanges that makes the change, so an event exists
/// exactly when its change was committed, whichever use case made it. It reads what happened from the change
/// tracker: a story becoming public, changing while public, or leaving; a section or author added, changed or
/// removed. Nothing is written while nobody subscribes. Right after the save, on the same connection (and inside
/// the caller's transaction, if any), each event gets its payload — the content as the change left it, so a quick
/// second change cannot alter what the first event says — and the ids of rows the save itself added. Should the
/// process stop in between, the dispatcher builds the payload when it fans the event out.
/// </summary>
public sealed class WebhookOutbox(TimeProvider time, WebhookSignal signal, IWebhookPayloads payloads) : MastheadSaveInterceptor
{
    /// <param name="ArticleId">For a live entry, its story: a deleted entry's payload cannot read it back from the database.</param>
    private sealed record Pending(WebhookEvent Event, EntityEntry? AddedSubject, int? ArticleId);

    // One interceptor serves every pooled context; what a save is writing is kept per context.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<Pending>> _pending = [];

    protected override Task BeforeSaveAsync(MastheadDbContext db, CancellationToken ct) => CollectAsync(db, ct);

    protected override Task AfterSaveAsync(MastheadDbContext db, CancellationToken ct) => CompleteAsync(db, ct);

    protected override void SaveFailed(DbContext db) => Forget(db);

    /// <summary>A failed save must not leave its events behind to go out with a later, different save.</summary>
    private void Forget(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        foreach (var p in pending) context.Entry(p.Event).State = EntityState.Detached;
        _pending.Remove(context);
    }

    private async Task CollectAsync(MastheadDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var found = new List<(string Type, int? Id, EntityEntry? Added, int? ArticleId)>();
        var entries = new List<(string Type, int? Id, EntityEntry? Added, int ArticleId)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Article when ArticleEvent(entry) is { } type:
                    found.Add((type, entry.State == EntityState.Added ? null : (int)entry.Property(nameof(Article.Id)).CurrentValue!,
                        entry.State == EntityState.Added ? entry : null, null));
                    break;
                case LiveEntry when LiveEntryEvent(entry) is { } entryType:
                    entries.Add((entryType, entry.State == EntityState.Added ? null : (int)entry.Property(nameof(LiveEntry.Id)).CurrentValue!,
                        entry.State == EntityState.Added ? entry : null, (int)entry.Property(nameof(LiveEntry.ArticleId)).CurrentValue!));
                    break;
                case Section or Author when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    var kind = entry.Entity is Section ? WebhookEventTypes.SectionChanged : WebhookEventTypes.AuthorChanged;
                    found.Add((kind, entry.State == EntityState.Added ? null : (int)entry.Property("Id").CurrentValue!,
                        entry.State == EntityState.Added ? entry : null, null));
                    break;
            }
        }
        if (found.Count + entries.Count == 0 || !await db.WebhookSubscriptions.AnyAsync(ct)) return;
        if (entries.Count > 0) found.AddRange(await PublicEntriesAsync(db, entries, ct));
        if (found.Count == 0) return;

        var now = time.UtcNow();
        var pending = new List<Pending>();
        foreach (var (type, id, added, articleId) in found.DistinctBy(f => (f.Type, f.Id, f.Added?.Entity)))
        {
            var ev = new WebhookEvent { EventId = Guid.NewGuid(), Type = type, OccurredAt = now, SubjectId = id };
            db.WebhookEvents.Add(ev);
            pending.Add(new Pending(ev, added, articleId));
        }
        _pending.AddOrUpdate(db, pending);
    }

    private static string? LiveEntryEvent(EntityEntry entry) => entry.State switch
    {
        EntityState.Added => WebhookEventTypes.LiveEntryCreated,
        EntityState.Modified => WebhookEventTypes.LiveEntryUpdated,
        EntityState.Deleted => WebhookEventTypes.LiveEntryDeleted,
        _ => null,
    };

    /// <summary>
    /// Entry changes readers see: those on a story that is public and stays public through this save. Entries of a
    /// draft are nobody's business yet, and the entries a story's deletion takes with it are covered by article.deleted.
    /// </summary>
    private static async Task<IEnumerable<(string, int?, EntityEntry?, int?)>> PublicEntriesAsync(MastheadDbContext db,
        List<(string Type, int? Id, EntityEntry? Added, int ArticleId)> entries, CancellationToken ct)
    {
        var ids = entries.Select(e => e.ArticleId).Distinct().ToList();
        var changing = db.ChangeTracker.Entries<Article>().Where(a => ids.Contains(a.Entity.Id))
            .Where(a => a.State == EntityState.Deleted || a.Entity.Status != ArticleStatus.Published).Select(a => a.Entity.Id).ToHashSet();
        var published = (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        return entries.Where(e => published.Contains(e.ArticleId) && !changing.Contains(e.ArticleId))
            .Select(e => (e.Type, e.Id, e.Added, (int?)e.ArticleId));
    }

    /// <summary>What a save does to a story, as readers would notice it; null when they would not.</summary>
    private static string? ArticleEvent(EntityEntry entry)
    {
        var status = entry.Property(nameof(Article.Status));
        var now = (ArticleStatus)status.CurrentValue!;
        switch (entry.State)
        {
            case EntityState.Added:
                return now == ArticleStatus.Published ? WebhookEventTypes.ArticlePublished : null;
            case EntityState.Deleted:
                return (ArticleStatus)status.OriginalValue! == ArticleStatus.Published ? WebhookEventTypes.ArticleDeleted : null;
            case EntityState.Modified:
                var before = (ArticleStatus)status.OriginalValue!;
                if (before != ArticleStatus.Published && now == ArticleStatus.Published) return WebhookEventTypes.ArticlePublished;
                if (before == ArticleStatus.Published && now != ArticleStatus.Published) return WebhookEventTypes.ArticleUnpublished;
                return now == ArticleStatus.Published ? WebhookEventTypes.ArticleUpdated : null;
            default:
                return null;
        }
    }

    private async Task CompleteAsync(MastheadDbContext db, CancellationToken ct)
    {
        if (!_pending.TryGetValue(db, out var pending)) return;
        _pending.Remove(db);
        foreach (var p in pending)
        {
            var id = p.AddedSubject is { } added ? (int)added.Property("Id").CurrentValue! : p.Event.SubjectId;
            var entry = db.Entry(p.Event);
            entry.Property(e => e.SubjectId).CurrentValue = id;
            entry.Property(e => e.SubjectId).OriginalValue = id;
            string? payload = null;
            try
            {
                payload = await payloads.BuildAsync(db, p.Event, ct, p.ArticleId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is saved and the event with it; the dispatcher builds the payload instead.
                payload = null;
            }
            await db.WebhookEvents.Where(e => e.Id == p.Event.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectId, id).SetProperty(e => e.Payload, payload), ct);
            entry.Property(e => e.Payload).CurrentValue = payload;
            entry.Property(e => e.Payload).OriginalValue = payload;
        }
        signal.Poke();
    }
}

/// <summary>Writes an event's JSON body from the database as it is now; implemented by the web host, which owns the public contracts.</summary>
public interface IWebhookPayloads
{
    /// <param name="articleId">A live entry's story when the caller knows it (the outbox does; the dispatcher's late build does not).</param>
    Task<string> BuildAsync(MastheadDbContext db, WebhookEvent ev, CancellationToken ct, int? articleId = null);
}

/// <summary>Wakes the webhook dispatcher when events were written, so deliveries leave at once rather than on its next tick.</summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Poke()
    {
        try { _semaphore.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _semaphore.WaitAsync(timeout, ct); } catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
