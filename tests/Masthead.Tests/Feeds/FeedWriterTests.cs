using System.Text;
using Masthead.Core.Body;
using Masthead.Tests.Support;
using Masthead.Web.Feeds;

namespace Masthead.Tests.Feeds;

/// <summary>The writers on their own: text XML cannot carry, and the offline rules' ability to catch a bad feed.</summary>
public class FeedWriterTests
{
    private static FeedChannel Channel(FeedFormat format, string title, string? html = "<p>Body</p>") => new(
        "Test feed", "A feed for tests", "en-GB", "https://quire.example/", "https://quire.example/" + FeedUrls.File(format), format, null,
        new FeedPerson("The Quire", "https://quire.example/"), new DateTime(2026, 11, 24, 8, 30, 0, DateTimeKind.Utc),
        [new FeedItem("tag:quire.example,2026-11-24:article/1", title, "https://quire.example/news/a", "Standfirst", html,
            new DateTime(2026, 11, 24, 8, 30, 0, DateTimeKind.Utc), new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc),
            [new FeedPerson("Priya Mahendran", "https://quire.example/author/priya-mahendran")], [], [], null)]);

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public async Task ControlCharactersAndLoneSurrogates_AreDropped_SoTheFeedStaysReadable(FeedFormat format)
    {
        var channel = Channel(format, "Bell\u0007 and \uD800broken\u0000 headline 🏳️‍🌈");
        var bytes = format == FeedFormat.Rss ? RssFeedWriter.Write(channel) : AtomFeedWriter.Write(channel);
        var parsed = await FeedParser.ParseCleanAsync(bytes);
        Assert.Equal("Bell and broken headline 🏳️‍🌈", (string?)parsed["entries"]![0]!["title"]);
    }

    [Fact]
    public void Dates_AreUtcWhateverTheServerZone()
    {
        var rss = Encoding.UTF8.GetString(RssFeedWriter.Write(Channel(FeedFormat.Rss, "Dates")));
        Assert.Contains("<pubDate>Tue, 24 Nov 2026 08:30:00 +0000</pubDate>", rss);
        var atom = Encoding.UTF8.GetString(AtomFeedWriter.Write(Channel(FeedFormat.Atom, "Dates")));
        Assert.Contains("<published>2026-11-24T08:30:00Z</published>", atom);
        Assert.Contains("<updated>2026-11-24T09:00:00Z</updated>", atom);
    }

    [Fact]
    public void FeedHtml_MakesEveryAddressAbsolute_DropsPullQuotes_AndSanitizesAgain()
    {
        const string stored = """
            <h2 id="why">Why</h2>
            <p><img src="/media/a.jpg" alt="A picture"></p>
            <aside class="pullquote"><p>Repeated words</p></aside>
            <p><a href="/tag/film">film</a>, <a href="#why">why</a> and <a href="https://example.org/x">elsewhere</a><script>alert(1)</script></p>
            """;
        var html = new FeedHtml(new BodyRenderer()).ForFeed(stored, "https://quire.example/news/a-story");
        Assert.Contains("src=\"https://quire.example/media/a.jpg\"", html);
        Assert.Contains("<a href=\"https://quire.example/tag/film\">film</a>", html); // the site's own link is not marked external
        Assert.Contains("href=\"https://quire.example/news/a-story#why\"", html);
        Assert.Contains("href=\"https://example.org/x\" rel=\"noopener nofollow external\"", html);
        Assert.DoesNotContain("Repeated words", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void OfflineRules_CatchRelativeUrlsAndAWrongSelfLink()
    {
        var channel = Channel(FeedFormat.Rss, "Relative", "<p><img src=\"/media/x.jpg\" alt=\"\"></p>");
        var problems = FeedRules.CheckRss(RssFeedWriter.Write(channel), "https://quire.example/other.xml");
        Assert.Contains(problems, p => p.Contains("relative URL /media/x.jpg", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("self link", StringComparison.Ordinal));

        var atom = Channel(FeedFormat.Atom, "Relative", "<p><a href=\"/tag/film\">film</a></p>");
        Assert.Contains(FeedRules.CheckAtom(AtomFeedWriter.Write(atom), atom.SelfUrl), p => p.Contains("relative URL /tag/film", StringComparison.Ordinal));
    }
}
