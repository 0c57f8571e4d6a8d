namespace Masthead.Core.Media;

/// <summary>
/// A video's still, fetched once from its service into the media library, so a card can show it without the reader's
/// browser asking the service for anything. Deleting the picture deletes this row; the next save fetches it again.
/// </summary>
public sealed class VideoThumbnail
{
    public int Id { get; set; }
    /// <summary>"youtube".</summary>
    public string Provider { get; set; } = "";
    public string VideoId { get; set; } = "";
    public int MediaId { get; set; }
    public MediaItem? Media { get; set; }
    public DateTime FetchedAt { get; set; }
}
