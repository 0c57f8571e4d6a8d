using System.Text.Json;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Core.Sections;
using Masthead.Web.Hosting;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Web.Export;

/// <summary>
/// Puts a <see cref="PublicationExport"/> folder back into a Masthead without content, row for row with the same
/// ids, in one transaction, then copies the media folders. The accounts a fresh start made (the first admin) are
/// replaced by the export's. Refused when the publication has any sections, stories, pages, authors, tags or pictures.
/// </summary>
public sealed class PublicationRestore(MastheadDbContext db, IDatabaseEngine engine, MediaStore media, IContentChangeNotifier notifier)
{
    /// <returns>Rows restored per table, or the reason it was refused.</returns>
    public async Task<(IReadOnlyDictionary<string, int>? Counts, string? Problem)> RestoreAsync(string folder, CancellationToken ct)
    {
        var file = Path.Combine(folder, PublicationExport.FileName);
        if (!File.Exists(file)) return (null, $"{folder} has no {PublicationExport.FileName}: it is not a Masthead export.");
        if (await HasContentAsync(db, ct))
            return (null, "This publication already has content; a Masthead export is restored only into an empty one.");

        using var document = JsonDocument.Parse(File.OpenRead(file));
        var root = document.RootElement;
        if (!root.TryGetProperty("format", out var format) || format.GetString() != PublicationExport.Format)
            return (null, $"{PublicationExport.FileName} is not a Masthead export (its \"format\" is not \"{PublicationExport.Format}\").");
        if (!root.TryGetProperty("version", out var version) || version.GetInt32() != PublicationExport.Version)
            return (null, $"Export format version {version} is not one this Masthead reads (version {PublicationExport.Version}).");
        var tables = root.GetProperty("tables");

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordered = PublicationExport.Tables(db.Model);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // What a first start made without content (the first admin, its audit events) gives way to the export.
        // Table names come from the model, never from the export.
        foreach (var entity in Enumerable.Reverse(ordered))
        {
            var delete = "DELETE FROM " + Table(entity);
            await db.Database.ExecuteSqlRawAsync(delete, ct);
        }
        foreach (var entity in ordered)
        {
            if (!tables.TryGetProperty(entity.ShortName(), out var rows)) continue;
            var list = rows.EnumerateArray().ToList();
            // The section tree: parents before children.
            if (entity.ClrType == typeof(Section)) list = list.OrderBy(r => r.GetProperty("path").GetString()!.Count(c => c == '/')).ToList();
            foreach (var row in list) db.Add(Read(entity, row));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            counts[entity.ShortName()] = list.Count;
        }
        await engine.AfterRowsRestoredAsync(db, ordered, ct);
        await transaction.CommitAsync(ct);

        var exported = Path.Combine(folder, "media");
        if (Directory.Exists(exported))
            foreach (var dir in Directory.GetDirectories(exported).Where(d => MediaUrls.IsStorageKey(Path.GetFileName(d))))
                await media.ImportAsync(dir, Path.GetFileName(dir), ct);
        await notifier.ContentChangedAsync(ct);
        return (counts, null);
    }

    /// <summary>Whether the publication has anything a restore would overwrite (a first start's admin does not count).</summary>
    public static async Task<bool> HasContentAsync(MastheadDbContext db, CancellationToken ct) =>
        await db.Sections.AnyAsync(ct) || await db.Articles.AnyAsync(ct) || await db.Pages.AnyAsync(ct) || await db.Authors.AnyAsync(ct)
        || await db.Tags.AnyAsync(ct) || await db.Media.AnyAsync(ct);

    private string Table(IEntityType entity)
    {
        var name = entity.GetTableName()!;
        var schema = entity.GetSchema();
        return (schema is null ? "" : $"\"{schema}\".") + $"\"{name}\"";
    }

    private static object Read(IEntityType entity, JsonElement row)
    {
        var instance = Activator.CreateInstance(entity.ClrType, nonPublic: true)!;
        foreach (var property in entity.GetProperties().Where(p => !p.IsShadowProperty()))
        {
            if (!row.TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var value)) continue;
            Set(property, instance, value.Deserialize(property.ClrType, PublicationExport.SerializerOptions));
        }
        foreach (var owned in entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            if (!row.TryGetProperty(JsonNamingPolicy.CamelCase.ConvertName(owned.Name), out var value) || value.ValueKind == JsonValueKind.Null) continue;
            Set(owned, instance, Read(owned.TargetEntityType, value));
        }
        return instance;
    }

    // Through the backing field when there is one, so private setters (an article's status) are restored as they were.
    private static void Set(IPropertyBase property, object instance, object? value)
    {
        if (property.FieldInfo is { } field) field.SetValue(instance, value);
        else property.PropertyInfo!.SetValue(instance, value);
    }
}
