using System.Text.RegularExpressions;

namespace Masthead.Core.Body;

/// <summary>A video embed that can be played on the page after a click: for now, YouTube's, by their eleven-character id.</summary>
public sealed partial record VideoAddress(string Provider, string Id)
{
    public const string YouTube = "youtube";

    /// <summary>How the body renderer and the thumbnail store name this video ("youtube:dQw4w9WgXcQ").</summary>
    public string Key => $"{Provider}:{Id}";

    /// <summary>The video a YouTube address shows (watch?v=, youtu.be/, /shorts/, /embed/, /live/), or null.</summary>
    public static VideoAddress? From(Uri url)
    {
        if (EmbedProvider.Detect(url).Key != YouTube) return null;
        var host = url.Host.ToLowerInvariant();
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? id = host.EndsWith("youtu.be", StringComparison.Ordinal)
            ? segments.FirstOrDefault()
            : segments is [("shorts" or "embed" or "live"), var named, ..] ? named
            : QueryValue(url.Query, "v");
        return id is not null && VideoId().IsMatch(id) ? new VideoAddress(YouTube, id) : null;
    }

    /// <summary>Every playable video a body embeds, each once, in order.</summary>
    public static IReadOnlyList<VideoAddress> In(string? markdown) =>
        EmbedLine().Matches(markdown ?? "")
            .Select(m => Uri.TryCreate(m.Groups[1].Value, UriKind.Absolute, out var url) ? From(url) : null)
            .OfType<VideoAddress>().Distinct().ToList();

    private static string? QueryValue(string query, string name) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == name)?[1];

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex VideoId();

    [GeneratedRegex(@"^\s*:::embed\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex EmbedLine();
}

/// <summary>A locally stored still of an embedded video, as the card shows it.</summary>
public sealed record EmbedPicture(string Url, int Width, int Height);

/// <summary>
/// The stills of the videos a body embeds, keyed by <see cref="VideoAddress.Key"/>. With <c>fetchMissing</c>, a video
/// without one yet has it fetched once into the media store; one that cannot be fetched is simply left out.
/// </summary>
public interface IEmbedPictures
{
    Task<IReadOnlyDictionary<string, EmbedPicture>> ForBodyAsync(string? markdown, bool fetchMissing, CancellationToken ct);

    /// <summary>
    /// The stills of every video that <paramref name="markdowns"/> embed (an import's stories), the missing ones fetched
    /// once each, a few at a time. A site that cannot be reached is not asked again during the call, so an import on a
    /// machine without outside network does not wait on each of its videos in turn.
    /// </summary>
    Task<IReadOnlyDictionary<string, EmbedPicture>> ForBodiesAsync(IReadOnlyList<string> markdowns, CancellationToken ct);
}

/// <summary>For hosts without a media store (tools, tests of the core): cards without stills.</summary>
public sealed class NoEmbedPictures : IEmbedPictures
{
    public static readonly IReadOnlyDictionary<string, EmbedPicture> None = new Dictionary<string, EmbedPicture>();

    public Task<IReadOnlyDictionary<string, EmbedPicture>> ForBodyAsync(string? markdown, bool fetchMissing, CancellationToken ct) => Task.FromResult(None);

    public Task<IReadOnlyDictionary<string, EmbedPicture>> ForBodiesAsync(IReadOnlyList<string> markdowns, CancellationToken ct) => Task.FromResult(None);
}
