using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Core.Data;

/// <summary>
/// A SaveChanges interceptor on <see cref="MastheadDbContext"/> whose work is asynchronous: before the save, after it,
/// and when it fails. The synchronous SaveChanges paths wait on the same work.
/// </summary>
public abstract class MastheadSaveInterceptor : SaveChangesInterceptor
{
    protected abstract Task BeforeSaveAsync(MastheadDbContext db, CancellationToken ct);

    protected abstract Task AfterSaveAsync(MastheadDbContext db, CancellationToken ct);

    protected abstract void SaveFailed(DbContext db);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        if (eventData.Context is MastheadDbContext db) await BeforeSaveAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MastheadDbContext db) BeforeSaveAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is MastheadDbContext db) await AfterSaveAsync(db, ct);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is MastheadDbContext db) AfterSaveAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) SaveFailed(db);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) SaveFailed(db);
        return Task.CompletedTask;
    }
}
