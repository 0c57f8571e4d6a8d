namespace Masthead.Core.Body;

/// <summary>A service whose posts or videos can be embedded by URL.</summary>
public sealed record EmbedProvider(string Key, string Name, bool IsVideo)
{
    private static readonly (string Host, EmbedProvider Provider)[] Known =
    [
        ("x.com", new("x", "X", false)),
        ("twitter.com", new("x", "X", false)),
        ("bsky.app", new("bluesky", "Bluesky", false)),
        ("instagram.com", new("instagram", "Instagram", false)),
        ("threads.net", new("threads", "Threads", false)),
        ("tiktok.com", new("tiktok", "TikTok", true)),
        ("youtube.com", new("youtube", "YouTube", true)),
        ("youtu.be", new("youtube", "YouTube", true)),
        ("vimeo.com", new("vimeo", "Vimeo", true)),
        ("facebook.com", new("facebook", "Facebook", false)),
    ];

    /// <summary>Every key <see cref="Detect"/> can answer with; each becomes an "embed--{key}" class.</summary>
    public static IEnumerable<string> Keys => Known.Select(k => k.Provider.Key).Append("mastodon").Append("link").Distinct();

    /// <summary>The services an embed may come from, for messages.</summary>
    public const string KnownNames = "X/Twitter, Bluesky, Mastodon, Instagram, Threads, TikTok, YouTube, Vimeo and Facebook";

    /// <summary>
    /// Why an embed's address is refused, or null when it is a post or video of a known service. Writers are stopped
    /// at save time; bodies stored or imported before keep rendering their other addresses as plain link cards.
    /// </summary>
    public static string? AddressProblem(string? address)
    {
        var value = address?.Trim() ?? "";
        var shown = value.Length <= 80 ? value : value[..79] + "…";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            return $"The embed address “{shown}” is not a web address; give the post's full address, starting with https://.";
        return Detect(url).Key == "link"
            ? $"The embed address “{shown}” is not a post or video of a service Masthead knows ({KnownNames}); link to it in the text instead."
            : null;
    }

    /// <summary>Identifies the provider by host; Mastodon servers are recognised by their /@user/id path shape.</summary>
    public static EmbedProvider Detect(Uri url)
    {
        var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        foreach (var (knownHost, provider) in Known)
        {
            if (host.Equals(knownHost, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + knownHost, StringComparison.OrdinalIgnoreCase))
                return provider;
        }
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 2 && segments[0].StartsWith('@') && segments[1].All(char.IsDigit))
            return new("mastodon", "Mastodon", false);
        return new("link", host, false);
    }
}
