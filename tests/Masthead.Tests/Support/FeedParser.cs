using System.Text.Json.Nodes;

namespace Masthead.Tests.Support;

/// <summary>
/// Parses a feed with Python's feedparser (Debian: python3-feedparser), the library behind many real feed readers,
/// and returns what it understood as JSON. "bozo" is 1 when feedparser found the feed malformed in any way.
/// </summary>
public static class FeedParser
{
    private const string Script = """
        import json, sys, time, feedparser
        d = feedparser.parse(sys.stdin.buffer.read())
        def utc(t): return time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None
        print(json.dumps({
            "bozo": 1 if d.bozo else 0,
            "error": str(d.get("bozo_exception") or ""),
            "version": d.get("version"),
            "title": d.feed.get("title"),
            "link": d.feed.get("link"),
            "language": d.feed.get("language"),
            "links": [{"rel": l.get("rel"), "type": l.get("type"), "href": l.get("href")} for l in d.feed.get("links", [])],
            "entries": [{
                "id": e.get("id"),
                "title": e.get("title"),
                "link": e.get("link"),
                "published": utc(e.get("published_parsed")),
                "updated": utc(e.get("updated_parsed")),
                "authors": [a.get("name") for a in e.get("authors", [])],
                "authorLinks": [a.get("href") for a in e.get("authors", [])],
                "contributors": [c.get("name") for c in e.get("contributors", [])],
                "tags": [{"term": t.get("term"), "label": t.get("label"), "scheme": t.get("scheme")} for t in e.get("tags", [])],
                "summary": e.get("summary"),
                "content": [c.get("value") for c in e.get("content", [])],
                "enclosures": [{"href": x.get("href"), "type": x.get("type"), "length": x.get("length")} for x in e.get("enclosures", [])],
                "media": [{"url": m.get("url"), "type": m.get("type"), "width": m.get("width"), "height": m.get("height")} for m in e.get("media_content", [])],
            } for e in d.entries],
        }))
        """;

    /// <summary>Debian's module is installed for Debian's interpreter; a python3 earlier on PATH (pyenv) may not see it.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static async Task<JsonNode> ParseAsync(byte[] feed)
    {
        var (code, output, errors) = await ExternalTool.RunAsync(Python, ["-c", Script], feed,
            "Install Debian's python3-feedparser (./test.sh does).");
        Assert.True(code == 0, $"feedparser failed ({code}): {errors}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>Parses and fails the test unless feedparser found the feed well-formed (bozo 0).</summary>
    public static async Task<JsonNode> ParseCleanAsync(byte[] feed)
    {
        var parsed = await ParseAsync(feed);
        Assert.True((int)parsed["bozo"]! == 0, $"feedparser: {parsed["error"]}");
        return parsed;
    }
}
