using System.Text.Json;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Export;
using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Backup;

/// <summary>What a backup folder holds besides the database snapshot and the media; written last, so a folder
/// without one is a backup that did not finish.</summary>
public sealed record BackupManifest(string Format, int Version, string Database, string DatabaseFile, string Migration, DateTimeOffset TakenAt, int Pictures)
{
    public const string FileName = "masthead-backup.json";
    public const string ThisFormat = "masthead-backup";
    public const int ThisVersion = 1;
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>
/// <c>masthead backup DIR</c> and <c>masthead restore DIR</c>: a consistent snapshot of the database by its own tools
/// (<see cref="IDatabaseSnapshot"/>), every picture's folder from the media store (disk or bucket), and a manifest
/// naming the database kind and the schema's last migration. The database is copied first: a picture uploaded during
/// the backup may be in the folder without its row (harmless), one deleted during it may be missing its files.
/// A restore replaces the whole database, then applies this release's migrations, so a backup taken by an earlier
/// release comes back upgraded. Unlike an export (<see cref="PublicationExport"/>), a backup keeps everything the
/// database holds (sessions, queues, key ring) and only goes back into the same kind of database.
/// </summary>
public sealed class PublicationBackup(MastheadDbContext db, IDatabaseSnapshot snapshot, MediaStore media, IServiceScopeFactory scopes,
    IOptions<MastheadOptions> options, TimeProvider time)
{
    public async Task<(BackupManifest? Manifest, string? Problem)> BackupAsync(string folder, CancellationToken ct)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            return (null, $"{folder} is not empty: a backup goes into a new or empty folder, so it never mixes with another.");
        var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        if (migration is null) return (null, "The database has no tables yet: there is nothing to back up.");
        Directory.CreateDirectory(folder);
        try
        {
            await snapshot.SaveAsync(Path.Combine(folder, snapshot.FileName), ct);
        }
        catch (DatabaseSnapshotException e)
        {
            return (null, e.Message);
        }
        var pictures = Path.Combine(folder, "media");
        await media.ExportAsync(pictures, ct);
        var manifest = new BackupManifest(BackupManifest.ThisFormat, BackupManifest.ThisVersion, snapshot.Kind, snapshot.FileName, migration,
            time.GetUtcNow(), Directory.Exists(pictures) ? Directory.GetDirectories(pictures).Length : 0);
        await File.WriteAllTextAsync(Path.Combine(folder, BackupManifest.FileName), JsonSerializer.Serialize(manifest, BackupManifest.Json), ct);
        return (manifest, null);
    }

    /// <param name="replace">Whether a database that already has content may be replaced (refused otherwise).</param>
    public async Task<(BackupManifest? Manifest, string? Problem)> RestoreAsync(string folder, bool replace, CancellationToken ct)
    {
        var (manifest, problem) = await ReadManifestAsync(folder, ct);
        if (manifest is null) return (null, problem);
        if (!replace && await HasContentAsync(ct))
            return (null, "This publication already has content. Stop every node, then run the restore again with --replace to overwrite it with the backup.");

        try
        {
            await snapshot.LoadAsync(Path.Combine(folder, manifest.DatabaseFile), ct);
        }
        catch (DatabaseSnapshotException e)
        {
            return (null, e.Message);
        }
        // A fresh scope: the restore replaced the database under this one's connection.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var restored = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
            await DatabaseStartup.MigrateAsync(restored, options.Value);
            var pictures = Path.Combine(folder, "media");
            if (Directory.Exists(pictures))
                foreach (var dir in Directory.GetDirectories(pictures).Where(d => MediaUrls.IsStorageKey(Path.GetFileName(d))))
                    await media.ImportAsync(dir, Path.GetFileName(dir), ct);
            // Nodes, and a CDN in front, drop every page they kept of the publication as it was.
            await scope.ServiceProvider.GetRequiredService<IContentChangeNotifier>().ContentChangedAsync(ct);
        }
        return (manifest, null);
    }

    /// <summary>A new server may have no database yet, or one without tables: neither has anything to lose.</summary>
    private async Task<bool> HasContentAsync(CancellationToken ct) =>
        await db.Database.CanConnectAsync(ct) && (await db.Database.GetAppliedMigrationsAsync(ct)).Any()
        && await PublicationRestore.HasContentAsync(db, ct);

    private async Task<(BackupManifest? Manifest, string? Problem)> ReadManifestAsync(string folder, CancellationToken ct)
    {
        var file = Path.Combine(folder, BackupManifest.FileName);
        if (!File.Exists(file))
            return (null, $"{folder} has no {BackupManifest.FileName}: it is not a Masthead backup, or the backup did not finish.");
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(file, ct), BackupManifest.Json);
        }
        catch (JsonException e)
        {
            return (null, $"{BackupManifest.FileName} cannot be read ({e.Message}).");
        }
        if (manifest is null || manifest.Format != BackupManifest.ThisFormat || manifest.Version != BackupManifest.ThisVersion)
            return (null, $"{BackupManifest.FileName} is not a Masthead backup of format version {BackupManifest.ThisVersion}.");
        if (manifest.Database != snapshot.Kind)
            return (null, $"This backup is of a {manifest.Database} database and this Masthead uses {snapshot.Kind}. " +
                "To move a publication between databases use `masthead export` and `masthead import masthead`.");
        if (manifest.DatabaseFile != snapshot.FileName || !File.Exists(Path.Combine(folder, manifest.DatabaseFile)))
            return (null, $"The backup's database file {snapshot.FileName} is missing from {folder}.");
        if (!db.Database.GetMigrations().Contains(manifest.Migration))
            return (null, $"This backup was taken by a later release of Masthead (its schema is at {manifest.Migration}). Restore it with that release or a newer one.");
        return (manifest, null);
    }
}
