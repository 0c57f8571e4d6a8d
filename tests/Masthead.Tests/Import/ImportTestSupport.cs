using Masthead.Core.Import;
using Masthead.Core.Import.Ghost;
using Masthead.Core.Import.WordPress;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Import;

public static class ImportTestSupport
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name);

    public static async Task<ImportReport> ImportAsync(this MastheadAppFactory app, IImportSource source, string? media = null, bool dryRun = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(source, new ImportOptions(media, dryRun), null, CancellationToken.None);
    }

    public static Task<ImportReport> ImportWordPressAsync(this MastheadAppFactory app, string file, string? media = null, bool dryRun = false) =>
        app.ImportAsync(new WxrSource(file), media, dryRun);

    public static Task<ImportReport> ImportGhostAsync(this MastheadAppFactory app, string file, IReadOnlyCollection<string>? sections = null, string? media = null, bool dryRun = false) =>
        app.ImportAsync(new GhostSource(file, sections), media, dryRun);

    /// <summary>A copy of a fixture with some text replaced, in the app's data folder.</summary>
    public static string Variant(this MastheadAppFactory app, string fixture, params (string From, string To)[] replacements)
    {
        var text = File.ReadAllText(Fixture(fixture));
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        var path = Path.Combine(app.DataDirectory, $"variant-{Guid.NewGuid():N}{Path.GetExtension(fixture)}");
        File.WriteAllText(path, text);
        return path;
    }

    public static string Write(this MastheadAppFactory app, string name, string content)
    {
        var path = Path.Combine(app.DataDirectory, $"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, content);
        return path;
    }
}
