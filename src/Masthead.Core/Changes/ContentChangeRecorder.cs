using System.Data.Common;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Core.Pages;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Core.Changes;

/// <summary>
/// The one way Masthead says "content changed": it reads the change tracker as a save begins and adds a
/// <see cref="ContentChangeRecord"/> to that same save when readers could notice the change (a public story, or
/// one leaving or joining the public; a section, author, tag, page, picture, setting or navigation link). Once
/// the change is committed, <see cref="ContentChangeSignal"/> lets this node act on it at once; other nodes hear
/// of it from the database (PostgreSQL NOTIFY, and a catch-up read of the table).
/// </summary>
public sealed class ContentChangeRecorder(TimeProvider time, ContentChangeSignal signal) : MastheadSaveInterceptor, IDbTransactionInterceptor
{
    // Contexts whose save (or open transaction) wrote a change record; only those wake the follower.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _recorded = [];

    protected override Task BeforeSaveAsync(MastheadDbContext db, CancellationToken ct) => RecordAsync(db, ct);

    // Outside a transaction the save has committed; inside one, the commit below is the moment.
    protected override async Task AfterSaveAsync(MastheadDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null && _recorded.Remove(db)) await signal.CommittedAsync(ct);
    }

    protected override void SaveFailed(DbContext db) => Forget(db);

    private void Forget(DbContext? db)
    {
        if (db is not null && db.Database.CurrentTransaction is null) _recorded.Remove(db);
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) _recorded.Remove(db);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) _recorded.Remove(db);
        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && _recorded.Remove(db)) await signal.CommittedAsync(ct);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db && _recorded.Remove(db)) signal.CommittedAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task RecordAsync(MastheadDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        // A change recorded by hand (a bulk import or restore, through IContentChangeNotifier) wakes the follower too.
        if (db.ChangeTracker.Entries<ContentChangeRecord>().Any(e => e.State == EntityState.Added)) _recorded.AddOrUpdate(db, this);
        var articles = new HashSet<int>();
        var sections = new HashSet<int>();
        var authors = new HashSet<int>();
        var tags = new HashSet<int>();
        var everything = false;
        var maybePublic = new HashSet<int>(); // stories whose parts changed: they count only if public
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Article:
                    if (!ReadersSee(entry)) break;
                    // A story added already public (an import, the demo) has no id yet: empty every listing.
                    if (entry.State == EntityState.Added) { everything = true; break; }
                    articles.Add(Id(entry));
                    AddBoth(entry, nameof(Article.PrimarySectionId), sections);
                    break;
                case HeroImage:
                    // An owned part of its story, tracked as an entry of its own.
                    if (entry.Property("ArticleId").CurrentValue is int owner && owner > 0) maybePublic.Add(owner);
                    break;
                // A live-blog entry is part of its story's page (and of the update document readers poll), as a note is.
                case Byline or ArticleTag or ArticleSection or Credit or ArticleNote or ArticleRedirect or LiveBlogs.LiveEntry:
                    var articleId = (int)entry.Property("ArticleId").CurrentValue!;
                    if (articleId > 0) maybePublic.Add(articleId);
                    if (entry.Entity is ArticleTag) AddBoth(entry, nameof(ArticleTag.TagId), tags);
                    if (entry.Entity is ArticleSection) AddBoth(entry, nameof(ArticleSection.SectionId), sections);
                    if (entry.Entity is Byline) AddBoth(entry, nameof(Byline.AuthorId), authors);
                    break;
                case Curation.Pin:
                    // The home page is evicted with any public story's change; a section's pins evict that section's pages.
                    if (entry.Property(nameof(Curation.Pin.ArticleId)).CurrentValue is int pinned && pinned > 0) maybePublic.Add(pinned);
                    if (entry.Property(nameof(Curation.Pin.SectionId)).CurrentValue is int pinSection) sections.Add(pinSection);
                    break;
                case Tag or TagRedirect:
                    // A new tag shows only with the story that uses it; a renamed, merged or deleted one shows everywhere it was.
                    if (entry.State != EntityState.Added) everything = true;
                    break;
                case Section or Author or Page or PublicationSettings or NavigationItem:
                    everything = true;
                    break;
                case MediaItem:
                    if (entry.State != EntityState.Added) everything = true; // alt text, focal point or files of a picture in use
                    break;
            }
        }
        maybePublic.ExceptWith(articles);
        if (maybePublic.Count > 0 && !everything)
        {
            var ids = maybePublic.ToList();
            var tracked = db.ChangeTracker.Entries<Article>().Where(e => ids.Contains(e.Entity.Id)).ToDictionary(e => e.Entity.Id, ReadersSee);
            var untracked = ids.Where(id => !tracked.ContainsKey(id)).ToList();
            var publicUntracked = untracked.Count == 0 ? [] : await db.Articles.AsNoTracking()
                .Where(a => untracked.Contains(a.Id) && a.Status == ArticleStatus.Published).Select(a => a.Id).ToListAsync(ct);
            articles.UnionWith(tracked.Where(t => t.Value).Select(t => t.Key));
            articles.UnionWith(publicUntracked);
        }
        if (!everything && articles.Count == 0) return;
        // Section, author and tag ids of a story that is not public need no eviction of their own.
        var change = everything ? ContentChange.Everything : new ContentChange(articles, sections, authors, tags);
        db.Set<ContentChangeRecord>().Add(ContentChangeRecord.From(change, time.UtcNow()));
        _recorded.AddOrUpdate(db, this);
    }

    /// <summary>Whether readers see the story before or after this save.</summary>
    private static bool ReadersSee(EntityEntry entry)
    {
        var status = entry.Property(nameof(Article.Status));
        return entry.State switch
        {
            EntityState.Added => (ArticleStatus)status.CurrentValue! == ArticleStatus.Published,
            EntityState.Deleted => (ArticleStatus)status.OriginalValue! == ArticleStatus.Published,
            _ => (ArticleStatus)status.CurrentValue! == ArticleStatus.Published || (ArticleStatus)status.OriginalValue! == ArticleStatus.Published,
        };
    }

    private static int Id(EntityEntry entry) => (int)entry.Property("Id").CurrentValue!;

    private static void AddBoth(EntityEntry entry, string property, HashSet<int> into)
    {
        var p = entry.Property(property);
        if (p.CurrentValue is int now && now > 0) into.Add(now);
        if (entry.State != EntityState.Added && p.OriginalValue is int before && before > 0) into.Add(before);
    }

}

/// <summary>
/// Told when a save that may carry a content change has committed. The web host subscribes the node's follower,
/// so the node that made a change has evicted its own cache before it answers the request that made it.
/// </summary>
public sealed class ContentChangeSignal
{
    public Func<CancellationToken, Task>? OnCommitted { get; set; }

    public Task CommittedAsync(CancellationToken ct) => OnCommitted?.Invoke(ct) ?? Task.CompletedTask;
}
