namespace Masthead.Web.Feeds;

// What a feed says, independent of RSS or Atom: both writers render the same model, so the two formats never drift apart.
// Every URL here is absolute and every instant is UTC.

public enum FeedFormat
{
    Rss,
    Atom,
}

public sealed record FeedChannel(
    string Title,
    string Description,
    string Language,
    string PageUrl,
    string SelfUrl,
    FeedFormat Format,
    string? LogoUrl,
    FeedPerson Publisher,
    DateTime Updated,
    IReadOnlyList<FeedItem> Items);

public sealed record FeedItem(
    string Id,
    string Title,
    string Url,
    string Summary,
    string? ContentHtml,
    DateTime Published,
    DateTime Updated,
    IReadOnlyList<FeedPerson> Authors,
    IReadOnlyList<FeedPerson> Contributors,
    IReadOnlyList<FeedCategory> Categories,
    FeedImage? Image);

public sealed record FeedPerson(string Name, string? Url);

/// <summary>A section or tag: <paramref name="Term"/> is its slug or path, <paramref name="Scheme"/> the URL its term is relative to.</summary>
public sealed record FeedCategory(string Term, string Label, string Scheme);

/// <summary>The hero picture; <paramref name="Length"/> is its size in bytes, or 0 when it is not stored here.</summary>
public sealed record FeedImage(string Url, string MediaType, long Length, int? Width, int? Height, string? Credit);
