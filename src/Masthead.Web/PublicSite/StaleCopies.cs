using System.Collections.Concurrent;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Masthead.Web.PublicSite;

/// <summary>A public page as it was last rendered well: what a reader is shown while the database cannot be reached.</summary>
public sealed record StaleCopy(byte[] Body, string? ContentType, string? ContentEncoding, IReadOnlyCollection<string> Tags);

/// <summary>
/// The last good rendering of each public page, feed and sitemap this node made, kept after the page cache lets go of
/// it (an edit, the hour's expiry), so that during a database outage readers get the page as it last was rather than
/// an error (<see cref="ConditionalGetMiddleware"/> serves it). An older version of a story is an acceptable answer in
/// an outage; a story taken down is not: every page showing a story that is no longer published (read when the change
/// is evicted, on every node) stays unserved until the story is published again. Bounded in memory
/// (Masthead:PageCache:StaleCopyMegabytes, least recently used first out); nothing is kept on disk.
/// </summary>
public sealed class StaleCopies
{
    private const int LargestPage = 2 * 1024 * 1024;
    private readonly MemoryCache? _copies;
    private readonly ConcurrentDictionary<string, byte> _withdrawn = new(StringComparer.Ordinal);

    public StaleCopies(IOptions<MastheadOptions> options)
    {
        var megabytes = options.Value.PageCache.StaleCopyMegabytes;
        if (megabytes > 0) _copies = new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024L });
    }

    /// <summary>One copy per page and coding (the request's Accept-Encoding is already reduced to "br", "gzip" or none).</summary>
    private static string Key(HttpContext http) => http.Request.Path.Value + http.Request.QueryString.Value + " " + http.Request.Headers.AcceptEncoding;

    /// <summary>Keeps a page just rendered with 200.</summary>
    public void Keep(HttpContext http, ReadOnlySpan<byte> body, IReadOnlyCollection<string> tags)
    {
        if (_copies is null || body.Length > LargestPage) return;
        var key = Key(http);
        var contentType = http.Response.ContentType;
        var encoding = http.Response.Headers.ContentEncoding.ToString() is { Length: > 0 } coding ? coding : null;
        // Most renderings repeat the copy already kept: keeping it again would only copy the page for the collector.
        if (_copies.Get<StaleCopy>(key) is { } kept && kept.ContentType == contentType && kept.ContentEncoding == encoding
            && kept.Body.AsSpan().SequenceEqual(body) && kept.Tags.SequenceEqual(tags)) return;
        _copies.Set(key, new StaleCopy(body.ToArray(), contentType, encoding, tags.ToArray()), new MemoryCacheEntryOptions { Size = body.Length + 256 });
    }

    /// <summary>The last good copy of the requested page, unless it shows a story taken down since.</summary>
    public StaleCopy? Find(HttpContext http) =>
        _copies?.Get<StaleCopy>(Key(http)) is { } copy && !copy.Tags.Any(_withdrawn.ContainsKey) ? copy : null;

    /// <summary>Told on every eviction which of the changed stories are published now and which are not.</summary>
    public void StoriesChanged(IEnumerable<int> published, IEnumerable<int> notPublished)
    {
        foreach (var id in notPublished) _withdrawn[PublicCacheTags.Article(id)] = 0;
        foreach (var id in published) _withdrawn.TryRemove(PublicCacheTags.Article(id), out _);
    }
}
