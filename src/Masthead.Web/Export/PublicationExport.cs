using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Web.Export;

/// <summary>
/// The whole publication as a folder: <c>masthead-export.json</c> (every table of the model, row by row, with
/// every column, in an order where each row comes after what it refers to) and <c>media/</c> (each picture's
/// folder as stored). Found from the EF Core model, so a table added later is exported without a change here.
/// The format is described in docs/export-format.md. One-time account links are not exported.
/// </summary>
public sealed class PublicationExport(MastheadDbContext db, MediaStore media, TimeProvider time)
{
    public const string FileName = "masthead-export.json";
    public const string Format = "masthead-export";
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Transient secrets that mean nothing in another installation.</summary>
    // One-time links, and the log of changes nodes follow (about this server's caches, not the publication).
    private static readonly HashSet<Type> Skipped = [typeof(AccountToken), typeof(Masthead.Core.Changes.ContentChangeRecord), typeof(Masthead.Core.Changes.ClusterNode)];

    public async Task<IReadOnlyDictionary<string, int>> ExportAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var stream = File.Create(Path.Combine(folder, FileName)))
        await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("exportedAt", time.GetUtcNow().UtcDateTime);
            writer.WriteStartObject("tables");
            foreach (var entity in Tables(db.Model))
            {
                writer.WriteStartArray(entity.ShortName());
                var count = 0;
                await foreach (var row in Rows(entity).WithCancellation(ct))
                {
                    WriteRow(writer, entity, row);
                    count++;
                }
                writer.WriteEndArray();
                counts[entity.ShortName()] = count;
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        await media.ExportAsync(Path.Combine(folder, "media"), ct);
        return counts;
    }

    /// <summary>Every table, each after the tables it refers to (a self-reference, the section tree, is ordered by rows).</summary>
    internal static List<IEntityType> Tables(IModel model)
    {
        var all = model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>) && !Skipped.Contains(e.ClrType))
            .OrderBy(e => e.ShortName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        while (ordered.Count < all.Count)
        {
            var next = all.First(e => !ordered.Contains(e) && Dependencies(e).All(d => d == e || ordered.Contains(d) || !all.Contains(d)));
            ordered.Add(next);
        }
        return ordered;
    }

    private static IEnumerable<IEntityType> Dependencies(IEntityType entity) =>
        entity.GetForeignKeys().Select(f => f.PrincipalEntityType)
            .Concat(entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).SelectMany(n => n.TargetEntityType.GetForeignKeys())
                .Select(f => f.PrincipalEntityType).Where(p => !p.IsOwned()));

    private IAsyncEnumerable<object> Rows(IEntityType entity)
    {
        var set = (IQueryable<object>)typeof(PublicationExport).GetMethod(nameof(Query), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(entity.ClrType).Invoke(this, null)!;
        return set.AsAsyncEnumerable();
    }

    private IQueryable<object> Query<T>() where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties;
        IQueryable<T> query = db.Set<T>().AsNoTracking();
        // A stable order (by key) makes two exports of the same publication identical.
        var ordered = query.OrderBy(e => EF.Property<object>(e, key[0].Name));
        for (var i = 1; i < key.Count; i++)
        {
            var name = key[i].Name;
            ordered = ordered.ThenBy(e => EF.Property<object>(e, name));
        }
        return ordered;
    }

    private static void WriteRow(Utf8JsonWriter writer, IEntityType entity, object row)
    {
        writer.WriteStartObject();
        foreach (var property in entity.GetProperties().Where(p => !p.IsShadowProperty()))
        {
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            JsonSerializer.Serialize(writer, property.GetGetter().GetClrValue(row), property.ClrType, Json);
        }
        foreach (var owned in entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(owned.Name));
            var value = owned.GetGetter().GetClrValue(row);
            if (value is null) { writer.WriteNullValue(); continue; }
            WriteRow(writer, owned.TargetEntityType, value);
        }
        writer.WriteEndObject();
    }

    internal static JsonSerializerOptions SerializerOptions => Json;
}
