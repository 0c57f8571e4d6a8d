using Masthead.Web.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Feeds;

/// <summary>
/// Media type and size in bytes of a picture, as an RSS enclosure must state them. Pictures under /media are measured
/// on disk; an address elsewhere gets its type from its extension and a length of 0, which RSS allows for "unknown".
/// </summary>
public sealed class MediaFileInfo(IOptions<MastheadOptions> options)
{
    private static readonly FileExtensionContentTypeProvider Types = new();

    public (string MediaType, long Length) Describe(string url)
    {
        var path = url.Split('?', '#')[0];
        // An address without a known picture extension is most likely a JPEG from a picture service.
        var type = Types.TryGetContentType(path, out var found) && found.StartsWith("image/", StringComparison.Ordinal) ? found : "image/jpeg";
        return (type, LocalLength(path));
    }

    private long LocalLength(string path)
    {
        if (!path.StartsWith("/media/", StringComparison.Ordinal)) return 0;
        var root = options.Value.MediaDirectory;
        var file = Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(path["/media/".Length..])));
        // Never look outside the media folder, whatever the stored address says.
        if (!file.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return 0;
        var info = new FileInfo(file);
        return info.Exists ? info.Length : 0;
    }
}
