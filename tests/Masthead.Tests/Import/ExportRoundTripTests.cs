using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Import;

/// <summary>A Masthead with no content of its own: the target of a restore.</summary>
public sealed class EmptyMastheadFactory : MastheadAppFactory
{
    protected override bool LoadDemo => false;
}

/// <summary>
/// `masthead export DIR` of the demo publication (with a WordPress import on top, for redirects and mappings), then
/// `masthead import masthead DIR` into an empty Masthead: every table compared row by row, field by field, and
/// every media file byte for byte.
/// </summary>
public class ExportRoundTripTests(MastheadAppFactory source) : IClassFixture<MastheadAppFactory>
{
    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo NoTracking = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!;

    /// <summary>Every row of every table as JSON, by table; one-time account links are not part of an export.</summary>
    private static Dictionary<string, List<string>> Rows(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Dictionary<string, object>) && e.ClrType != typeof(AccountToken)
            && e.ClrType != typeof(Masthead.Core.Changes.ContentChangeRecord) && e.ClrType != typeof(Masthead.Core.Changes.ClusterNode)))
        {
            var set = SetMethod.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            var query = (IQueryable<object>)NoTracking.MakeGenericMethod(entity.ClrType).Invoke(null, [set])!;
            tables[entity.ShortName()] = query.AsEnumerable().Select(r => JsonSerializer.Serialize(r, entity.ClrType, Json)).Order(StringComparer.Ordinal).ToList();
        }
        return tables;
    }

    private static Dictionary<string, string> Files(string folder) => !Directory.Exists(folder) ? []
        : Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith('.'))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task ExportThenRestore_IntoAnEmptyMasthead_IsExact()
    {
        var imported = await source.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"));
        Assert.False(imported.Failed, imported.ToString());
        var folder = Path.Combine(source.DataDirectory, "export");
        var (exported, output, errors) = await source.RunCliAsync("export", folder);
        Assert.True(exported == 0, output + errors);
        Assert.True(File.Exists(Path.Combine(folder, "masthead-export.json")));

        // Into a publication that has content, a restore is refused and changes nothing.
        var before = await DbFingerprint.TakeAsync(source.Services);
        var (refused, _, refusal) = await source.RunCliAsync("import", "masthead", folder);
        Assert.Equal(1, refused);
        Assert.Contains("already has content", refusal);
        Assert.Equal(before, await DbFingerprint.TakeAsync(source.Services));

        var target = new EmptyMastheadFactory();
        await target.InitializeAsync();
        try
        {
            var (restored, restoreOutput, restoreErrors) = await target.RunCliAsync("import", "masthead", folder);
            Assert.True(restored == 0, restoreOutput + restoreErrors);

            var expected = Rows(source.Services);
            var actual = Rows(target.Services);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.True(expected["Article"].Count > 30, "the demo and the import should give the round trip something to carry");
            foreach (var (table, rows) in expected) Assert.Equal(rows, actual[table]);
            var sourceMedia = Files(Path.Combine(source.DataDirectory, "media"));
            Assert.NotEmpty(sourceMedia);
            Assert.Equal(sourceMedia, Files(Path.Combine(target.DataDirectory, "media")));

            // The restored publication works: a new story gets a fresh id after the restored ones.
            var next = await target.StoryAsync("After the move");
            Assert.True(next.Id > expected["Article"].Count);
        }
        finally
        {
            await ((IAsyncLifetime)target).DisposeAsync();
        }
    }
}
