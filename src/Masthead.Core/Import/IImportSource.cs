namespace Masthead.Core.Import;

/// <summary>
/// A reader of one export format. Files are read as streams in two passes: <see cref="ReadCatalog"/> keeps
/// only people, taxonomies and lookups (attachments, relations); <see cref="ReadStories"/> yields one story at
/// a time, so memory stays bounded by the largest story, not by the size of the archive.
/// </summary>
public interface IImportSource
{
    /// <summary>"wordpress", "ghost" or "masthead": with <see cref="Site"/>, the key of the external-id mapping.</summary>
    string System { get; }

    /// <summary>The site the export came from (its base URL), known after <see cref="ReadCatalog"/>.</summary>
    string Site { get; }

    /// <summary>Throws <see cref="ImportFailedException"/> when the file is not of this format or cannot be read.</summary>
    ImportCatalog ReadCatalog(ImportReport report);

    IEnumerable<ImportStory> ReadStories(ImportReport report);

    /// <summary>Where a URL of the old site's uploads lives under the folder given with --media, or null.</summary>
    string? MediaRelativePath(string url);
}
