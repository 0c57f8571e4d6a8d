using Masthead.Web.Media;
using Microsoft.AspNetCore.StaticFiles;

namespace Masthead.Web.Feeds;

/// <summary>
/// Media type and size in bytes of a picture, as an RSS enclosure must state them. Pictures under /media are measured
/// in the media store; an address elsewhere gets its type from its extension and a length of 0, which RSS allows for "unknown".
/// </summary>
public sealed class MediaFileInfo(MediaStore store)
{
    private static readonly FileExtensionContentTypeProvider Types = new();

    public async Task<(string MediaType, long Length)> DescribeAsync(string url, CancellationToken ct)
    {
        var path = url.Split('?', '#')[0];
        // An address without a known picture extension is most likely a JPEG from a picture service.
        var type = Types.TryGetContentType(path, out var found) && found.StartsWith("image/", StringComparison.Ordinal) ? found : "image/jpeg";
        var length = path.StartsWith("/media/", StringComparison.Ordinal)
            ? await store.LengthAsync(Uri.UnescapeDataString(path["/media/".Length..]), ct)
            : 0;
        return (type, length);
    }
}
