using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Feeds;

/// <summary>The demo publication's RSS and Atom feeds, read the way feed readers read them.</summary>
public class FeedTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Base = "https://quire.example";
    private const string LeadStory = "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival";

    public static TheoryData<string> FeedUrls => new()
    {
        "/feed.xml", "/feed.atom",
        "/culture/feed.xml", "/culture/feed.atom",
        "/culture/film-tv/feed.xml", "/culture/film-tv/feed.atom",
        "/news/feed.xml?subsections=false", "/news/feed.atom?subsections=false",
        "/author/priya-mahendran/feed.xml", "/author/priya-mahendran/feed.atom",
        "/tag/film/feed.xml", "/tag/film/feed.atom",
    };

    [Theory]
    [MemberData(nameof(FeedUrls))]
    public async Task EveryFeed_ParsesCleanlyAndKeepsTheValidatorsRules(string url)
    {
        var response = await app.Reader().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var atom = url.Contains(".atom", StringComparison.Ordinal);
        Assert.Equal(atom ? "application/atom+xml" : "application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var parsed = await FeedParser.ParseCleanAsync(bytes);
        Assert.Equal(atom ? "atom10" : "rss20", (string?)parsed["version"]);
        var entries = parsed["entries"]!.AsArray();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.StartsWith(Base + "/", (string?)e!["link"]));

        var problems = atom ? FeedRules.CheckAtom(bytes, Base + url) : FeedRules.CheckRss(bytes, Base + url);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task RssItem_CarriesBylinesCategoriesDateStableGuidAndPicture()
    {
        var entry = await LeadEntryAsync("/feed.xml");
        Assert.Equal(Base + LeadStory, (string?)entry["link"]);
        Assert.Equal("The helpline tapes that became the film of the festival", (string?)entry["title"]);
        var (id, published) = app.WithDb(db => db.Articles.Where(a => a.Slug == "the-helpline-tapes-that-became-the-film-of-the-festival")
            .Select(a => new { a.Id, a.FirstPublishedAt }).AsEnumerable().Select(a => (a.Id, a.FirstPublishedAt!.Value)).Single());
        Assert.Equal($"tag:quire.example,2026-11-24:article/{id}", (string?)entry["id"]);
        Assert.Equal("2026-11-24T08:30:00Z", (string?)entry["published"]);
        Assert.Equal(new DateTime(2026, 11, 24, 8, 30, 0, DateTimeKind.Utc), published);

        Assert.Equal(["Tomasz Wielgosz", "Priya Mahendran"], Strings(entry["authors"]));
        Assert.Contains("Halfmoon Pictures Collective", Strings(entry["contributors"]));
        var categories = entry["tags"]!.AsArray().Select(t => (string?)t!["term"]).ToList();
        Assert.Contains("Film & TV", categories);
        Assert.Contains("UK", categories); // also filed under News › UK
        Assert.Contains("Film", categories);

        var enclosure = Assert.Single(entry["enclosures"]!.AsArray())!;
        var href = (string?)enclosure["href"];
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Base)}/media/[a-z0-9]+/\\d+\\.jpg$", href);
        Assert.Equal("image/jpeg", (string?)enclosure["type"]);
        // Library sizes are made on first request: the length is the file's size once it exists, and 0 ("unknown") before.
        var picture = await app.Reader().GetByteArrayAsync(new Uri(href!).PathAndQuery);
        Assert.Contains((string?)enclosure["length"], new[] { "0", picture.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var media = Assert.Single(entry["media"]!.AsArray())!;
        Assert.Equal(("1200", "675"), ((string?)media["width"], (string?)media["height"]));
    }

    [Fact]
    public async Task AtomEntry_CarriesAuthorsWithPagesContributorsCategoriesAndDates()
    {
        var entry = await LeadEntryAsync("/feed.atom");
        var rssEntry = await LeadEntryAsync("/feed.xml");
        Assert.Equal((string?)rssEntry["id"], (string?)entry["id"]); // one identity whichever format a reader follows
        Assert.Equal(["Tomasz Wielgosz", "Priya Mahendran"], Strings(entry["authors"]));
        Assert.Equal([Base + "/author/tomasz-wielgosz", Base + "/author/priya-mahendran"], Strings(entry["authorLinks"]));
        Assert.Contains("Leeds Community Sound Archive", Strings(entry["contributors"]));
        Assert.Equal("2026-11-24T08:30:00Z", (string?)entry["published"]);
        Assert.Equal("2026-11-24T08:30:00Z", (string?)entry["updated"]);
        var tags = entry["tags"]!.AsArray().Select(t => ((string?)t!["term"], (string?)t["label"], (string?)t["scheme"])).ToList();
        Assert.Contains(("culture/film-tv", "Film & TV", Base + "/"), tags);
        Assert.Contains(("film", "Film", Base + "/tag/"), tags);
        Assert.StartsWith("“We were never the footnote", (string?)entry["summary"]);
        Assert.Equal("image/jpeg", (string?)Assert.Single(entry["enclosures"]!.AsArray())!["type"]);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    public async Task FullText_IsTheSanitizedBodyWithAbsoluteUrlsAndWithoutPullQuotes(string url)
    {
        var entry = await LeadEntryAsync(url);
        var content = (string?)Assert.Single(entry["content"]!.AsArray());
        Assert.NotNull(content);
        Assert.Contains("Forty hours of cassette", content);
        Assert.Matches($"src=\"{System.Text.RegularExpressions.Regex.Escape(Base)}/media/[a-z0-9]+/", content);
        Assert.DoesNotContain("src=\"/", content);
        Assert.DoesNotContain("href=\"/", content);
        Assert.DoesNotContain("pullquote", content);
        Assert.DoesNotContain("The camera stays at a respectful distance.", content);

        // Checked on the raw feed too: feedparser cleans HTML itself, so its view alone would hide a leak.
        var raw = await app.Reader().GetStringAsync(url);
        Assert.DoesNotContain("&lt;script", raw);
        Assert.DoesNotContain("=\"/media/", raw.Replace("&quot;", "\""));
    }

    [Fact]
    public async Task SectionFeed_IncludesSubsectionsUnlessAskedNot()
    {
        var whole = await ParseAsync("/culture/feed.xml");
        Assert.Contains(Links(whole), l => l == Base + LeadStory); // filed under Culture › Film & TV
        var own = await ParseAsync("/culture/feed.xml?subsections=false");
        Assert.DoesNotContain(Links(own), l => l == Base + LeadStory);

        var expected = app.WithDb(db => db.Articles.Count(a => a.Status == ArticleStatus.Published
            && (a.PrimarySection.Path == "culture" || a.SecondarySections.Any(s => s.Section.Path == "culture"))));
        Assert.Equal(Math.Min(expected, 20), Links(own).Count);
        Assert.Equal("Culture | The Quire", (string?)own["title"]);
    }

    [Fact]
    public async Task Feeds_ListTheNewestTwentyPublishedStoriesNewestFirst()
    {
        var feed = await ParseAsync("/feed.atom");
        var expected = app.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id).Take(20)
            .Include(a => a.PrimarySection).AsEnumerable()
            .Select(a => (string?)$"{Base}/{a.PrimarySection.Path}/{a.Slug}").ToList());
        Assert.Equal(expected, Links(feed));
        var dates = feed["entries"]!.AsArray().Select(e => (string?)e!["published"]).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task Feeds_AnswerIfNoneMatchWith304()
    {
        var client = app.Reader();
        foreach (var url in new[] { "/feed.xml", "/culture/feed.atom", "/tag/film/feed.xml" })
        {
            var first = await client.GetAsync(url);
            Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());
            var etag = first.Headers.ETag!;
            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(etag);
            var second = await client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());

            var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"older\""));
            var again = await client.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.NotNull(again.Headers.Age); // answered from the output cache, like the pages
            Assert.Equal(etag, again.Headers.ETag);
        }
    }

    [Theory]
    [InlineData("/feed")]
    [InlineData("/rss")]
    public async Task GuessedFeedAddresses_RedirectToTheFeed(string url)
    {
        var response = await app.Reader().GetAsync(url);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/feed.xml", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/author/nobody/feed.xml", 404)]
    [InlineData("/tag/nothing-here/feed.atom", 404)]
    [InlineData("/no-such-section/feed.xml", 404)]
    [InlineData("/culture/no-such-child/feed.atom", 404)]
    [InlineData("/culture/feed.xml?subsections=maybe", 400)]
    public async Task UnknownFeedScopes_AreRefused(string url, int status)
    {
        var response = await app.Reader().GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/culture", "/culture/feed")]
    [InlineData("/culture/film-tv", "/culture/film-tv/feed")]
    [InlineData("/author/priya-mahendran", "/author/priya-mahendran/feed")]
    [InlineData("/tag/film", "/tag/film/feed")]
    [InlineData(LeadStory, "/culture/film-tv/feed")]
    public async Task Pages_AdvertiseTheirFeedsForAutodiscovery(string page, string? ownFeed)
    {
        var doc = await app.Reader().GetPageAsync(page);
        var links = doc.QuerySelectorAll("head link[rel=alternate]")
            .Select(l => (l.GetAttribute("type"), l.GetAttribute("href"))).ToList();
        Assert.Contains(("application/rss+xml", Base + "/feed.xml"), links);
        Assert.Contains(("application/atom+xml", Base + "/feed.atom"), links);
        if (ownFeed is not null)
        {
            Assert.Equal(("application/rss+xml", Base + ownFeed + ".xml"), links[0]); // the page's own feed comes first
            Assert.Contains(("application/atom+xml", Base + ownFeed + ".atom"), links);
        }
        Assert.All(doc.QuerySelectorAll("head link[rel=alternate]"), l => Assert.False(string.IsNullOrWhiteSpace(l.GetAttribute("title"))));
    }

    private async Task<JsonNode> ParseAsync(string url) =>
        await FeedParser.ParseCleanAsync(await app.Reader().GetByteArrayAsync(url));

    private async Task<JsonNode> LeadEntryAsync(string url)
    {
        var feed = await ParseAsync(url);
        return feed["entries"]!.AsArray().Single(e => (string?)e!["link"] == Base + LeadStory)!;
    }

    private static List<string?> Links(JsonNode feed) => feed["entries"]!.AsArray().Select(e => (string?)e!["link"]).ToList();

    private static List<string?> Strings(JsonNode? array) => array!.AsArray().Select(n => (string?)n).ToList();
}
