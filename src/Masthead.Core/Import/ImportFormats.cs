using Masthead.Core.Import.Ghost;
using Masthead.Core.Import.WordPress;

namespace Masthead.Core.Import;

/// <summary>What an import file may come from, and how to read it.</summary>
/// <param name="Name">The word the command line and the newsroom form use ("wordpress").</param>
/// <param name="Label">What an editor chooses on the import screen.</param>
/// <param name="Where">Where in the old system the export is made, for the import screen.</param>
/// <param name="TakesSections">Whether some of its tags can be named to become sections (<c>--sections</c>).</param>
public sealed record ImportFormat(string Name, string Label, string Where, bool TakesSections,
    Func<ImportFileRequest, IImportSource> Open);

/// <summary>An export file to read, with the choices the importer was given.</summary>
/// <param name="SectionTags">Tags that become sections, for formats that take them.</param>
/// <param name="SourceUrl">The old site's address when the file does not say it.</param>
public sealed record ImportFileRequest(string Path, IReadOnlyCollection<string>? SectionTags = null, string? SourceUrl = null);

/// <summary>
/// The import formats, in one list the command line, the newsroom's import screen and its background jobs all read:
/// a new format is one entry here and one <see cref="IImportSource"/>.
/// </summary>
public static class ImportFormats
{
    public static readonly ImportFormat WordPress = new("wordpress", "WordPress", "Tools › Export, an .xml file", TakesSections: false,
        file => new WxrSource(file.Path));

    public static readonly ImportFormat Ghost = new("ghost", "Ghost 4–6", "Settings › Labs › Export, a .json file", TakesSections: true,
        file => new GhostSource(file.Path, file.SectionTags, file.SourceUrl));

    public static IReadOnlyList<ImportFormat> All { get; } = [WordPress, Ghost];

    /// <summary>The format of that name (any case), or null.</summary>
    public static ImportFormat? Find(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
