using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Masthead.Web.ContentApi;

public enum ContentSort { PublishedDesc, PublishedAsc, UpdatedDesc, UpdatedAsc }

/// <summary>
/// Where a page of articles ended: the sort, and the sort value and id of its last article. The next page starts
/// strictly after that pair (keyset pagination), so stories published meanwhile never shift or repeat what a
/// client has already read. Opaque to clients: base64url of "sort:ticks:id".
/// </summary>
public sealed record ContentCursor(ContentSort Sort, long Ticks, int Id)
{
    public DateTime At => new(Ticks, DateTimeKind.Utc);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}:{Ticks}:{Id}")));

    public static ContentCursor? Decode(string value)
    {
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(value)).Split(':');
            if (parts.Length != 3
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) || !Enum.IsDefined((ContentSort)sort)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
            return new ContentCursor((ContentSort)sort, ticks, id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
