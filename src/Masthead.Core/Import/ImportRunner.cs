using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Import.Bodies;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Import;

/// <summary>Puts pictures into the media library; implemented by the web host's media pipeline.</summary>
public interface IImportMediaStore
{
    /// <summary>The stored picture, or why the file was refused.</summary>
    Task<(ImportedPicture? Picture, string? Problem)> AddAsync(string file, string? alt, string? caption, CancellationToken ct);

    Task<ImportedPicture?> FindAsync(int mediaId, CancellationToken ct);

    Task RemoveAsync(int mediaId, CancellationToken ct);
}

public sealed record ImportOptions(string? MediaDirectory = null, bool DryRun = false);

/// <summary>
/// One import from start to end: read the catalog, put referenced pictures found in the media folder into the
/// library, then write everything in one transaction. Pictures are stored before the transaction (the media
/// pipeline commits each one with its files); if the content then fails, the pictures this run added are
/// deleted again, so a failed import leaves the publication as it was.
/// </summary>
public sealed class ImportRunner(MastheadDbContext db, BodyRenderer renderer, TimeProvider time, IContentChangeNotifier notifier, IImportMediaStore? media = null,
    IEmbedPictures? embedPictures = null, Search.ISearchIndex? searchIndex = null)
{
    public async Task<ImportReport> RunAsync(IImportSource source, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        progress = Common.MastheadMetrics.Measured(progress);
        var report = new ImportReport { DryRun = options.DryRun, Format = source.System };
        ImportCatalog catalog;
        try
        {
            progress?.Report(new ImportProgress("reading", 0, 0));
            catalog = source.ReadCatalog(report);
        }
        catch (ImportFailedException e)
        {
            if (report.Errors.Count == 0) report.Error("file", "format", e.Message);
            return report;
        }
        if (report.Failed) return report;

        var added = new List<int>();
        var pictures = new Dictionary<string, ImportedPicture>(StringComparer.Ordinal);
        try
        {
            if (options.MediaDirectory is { } folder)
            {
                if (!Directory.Exists(folder))
                {
                    report.Error("--media", folder, "the folder does not exist.");
                    return report;
                }
                await StorePicturesAsync(source, folder, options.DryRun, pictures, added, report, progress, ct);
            }
            if (report.Failed) return report;
            await new ImportWriter(db, renderer, time, searchIndex).WriteAsync(source, catalog, pictures, report, progress, ct);
        }
        catch (ImportFailedException e)
        {
            if (report.Errors.Count == 0) report.Error("file", "format", e.Message);
        }
        finally
        {
            if ((report.Failed || options.DryRun) && media is not null)
                foreach (var id in added) await media.RemoveAsync(id, CancellationToken.None);
        }
        // A re-run that found everything as it was changes nothing, and says nothing.
        var wrote = report.Counts.Values.Any(c => c[0] + c[1] > 0) || report.MediaImported > 0;
        if (!report.Failed && !options.DryRun && wrote && embedPictures is not null) await AddVideoStillsAsync(embedPictures, ct);
        if (!report.Failed && !options.DryRun && wrote) await notifier.ContentChangedAsync(ct);
        progress?.Report(new ImportProgress("done", catalog.StoryCount, catalog.StoryCount));
        return report;
    }

    // The writer's transaction is committed by now, so the stills of imported videos can be fetched and stored (in
    // scopes of their own) and the cards that lack one rendered again with it. A still that cannot be fetched leaves
    // its card as it is; the import has succeeded all the same.
    private async Task AddVideoStillsAsync(IEmbedPictures pictures, CancellationToken ct)
    {
        var lacking = await db.Articles.AsNoTracking()
            .Where(a => a.BodyHtml.Contains("embed--youtube") && !a.BodyHtml.Contains("embed__poster"))
            .Select(a => new { a.Id, a.BodyMarkdown }).ToListAsync(ct);
        if (lacking.Count == 0) return;
        var stills = await pictures.ForBodiesAsync(lacking.Select(s => s.BodyMarkdown).ToList(), ct);
        if (stills.Count == 0) return;
        foreach (var story in lacking)
        {
            if (!VideoAddress.In(story.BodyMarkdown).Any(video => stills.ContainsKey(video.Key))) continue;
            var html = renderer.Render(story.BodyMarkdown, stills);
            await db.Articles.Where(a => a.Id == story.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, html), ct);
        }
    }

    // A first walk over the stories finds every picture they use (featured and in bodies); each one found in the
    // folder goes through the media pipeline once, or is reused when an earlier run already stored it.
    private async Task StorePicturesAsync(IImportSource source, string folder, bool dryRun,
        Dictionary<string, ImportedPicture> pictures, List<int> added, ImportReport report, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var scratch = new ImportReport();
        var converter = new HtmlToBody(renderer);
        var wanted = new Dictionary<string, (string? Alt, string? Caption)>(StringComparer.Ordinal);
        foreach (var story in source.ReadStories(scratch))
        {
            if (story.FeaturedImage is { } featured) wanted.TryAdd(featured.Url, (featured.Alt, featured.Caption));
            var context = new BodyContext(story.ExternalId, scratch);
            try
            {
                _ = story.BodyFormat switch
                {
                    ImportBodyFormat.Html => converter.Convert(story.Body, context),
                    ImportBodyFormat.Lexical => converter.Convert(GhostDocuments.LexicalToHtml(story.Body, context), context),
                    ImportBodyFormat.Mobiledoc => converter.Convert(GhostDocuments.MobiledocToHtml(story.Body, context), context),
                    _ => "",
                };
            }
            catch (System.Text.Json.JsonException)
            {
                // Reported with its item by the writer.
            }
            foreach (var url in context.Images) wanted.TryAdd(url, (null, null));
        }

        var known = await db.ImportMappings.AsNoTracking()
            .Where(m => m.System == source.System && m.Site == source.Site && m.Kind == ImportEntityKind.Media)
            .ToDictionaryAsync(m => m.ExternalId, m => m.EntityId, ct);
        var root = Path.GetFullPath(folder);
        var done = 0;
        foreach (var (url, (alt, caption)) in wanted)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new ImportProgress("pictures", done++, wanted.Count));
            if (source.MediaRelativePath(url) is not { } relative) continue;
            var file = Path.GetFullPath(Path.Combine(root, relative));
            // Never outside the folder given, whatever "../" an address holds.
            if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file)) continue;
            if (known.TryGetValue(url, out var mediaId) && media is not null && await media.FindAsync(mediaId, ct) is { } earlier)
            {
                pictures[url] = earlier;
                continue;
            }
            if (dryRun || media is null)
            {
                // What the real run would do: the picture would be stored, so the report does not list it as external.
                pictures[url] = new ImportedPicture(0, url, 0, 0);
                report.MediaImported++;
                continue;
            }
            var (picture, problem) = await media.AddAsync(file, alt, caption, ct);
            if (picture is null)
            {
                report.Warn($"picture {relative}", "file", $"{problem} It stays at its old address.");
                continue;
            }
            added.Add(picture.MediaId);
            pictures[url] = picture;
            report.MediaImported++;
        }
        if (dryRun)
        {
            // A dry run must not point stories at pictures that were never stored.
            foreach (var url in pictures.Where(p => p.Value.MediaId == 0).Select(p => p.Key).ToList()) pictures.Remove(url);
        }
    }
}
