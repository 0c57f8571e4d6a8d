using System.Net;
using System.Xml.Linq;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Sitemaps;

/// <summary>robots.txt, the sitemap index and every file it lists, validated with xmllint against the sitemap XSDs.</summary>
public class SitemapTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Base = "https://quire.example";
    internal static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    internal static readonly XNamespace Image = "http://www.google.com/schemas/sitemap-image/1.1";
    internal static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    [Fact]
    public async Task Robots_AllowsTheSiteKeepsCrawlersOutOfTheApiAndPointsAtTheIndex()
    {
        var response = await app.Reader().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Disallow: /api/", lines);
        Assert.Contains("Disallow: /search?", lines);
        Assert.DoesNotContain("Disallow: /", lines);
        Assert.Contains($"Sitemap: {Base}/sitemap.xml", lines);
    }

    [Fact]
    public async Task IndexAndEveryListedSitemap_ValidateAgainstTheXsds()
    {
        var (index, bytes) = await GetXmlAsync("/sitemap.xml");
        await SitemapSchema.AssertValidAsync(bytes, "/sitemap.xml");
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements(Sm + "sitemap").Select(s => (Loc: (string)s.Element(Sm + "loc")!, LastMod: (string?)s.Element(Sm + "lastmod"))).ToList();
        Assert.Equal(
            [$"{Base}/sitemaps/pages.xml", $"{Base}/sitemaps/sections.xml", $"{Base}/sitemaps/authors.xml", $"{Base}/sitemaps/tags.xml", $"{Base}/sitemaps/articles-1.xml"],
            files.Select(f => f.Loc).Where(l => !l.EndsWith("/news.xml", StringComparison.Ordinal)));
        foreach (var (loc, lastMod) in files)
        {
            Assert.NotNull(lastMod);
            var path = loc[Base.Length..];
            var (doc, fileBytes) = await GetXmlAsync(path);
            await SitemapSchema.AssertValidAsync(fileBytes, path);
            var urls = doc.Root!.Elements(Sm + "url").ToList();
            Assert.NotEmpty(urls);
            Assert.All(urls, u => Assert.StartsWith(Base + "/", (string)u.Element(Sm + "loc")!));
            // The index's lastmod for a file is the newest lastmod inside it.
            Assert.Equal(urls.Max(u => DateTimeOffset.Parse((string)u.Element(Sm + "lastmod")!)), DateTimeOffset.Parse(lastMod!));
        }
    }

    [Fact]
    public async Task SchemaCheck_RejectsAMalformedSitemap()
    {
        // The validator itself must be able to fail: a news block without its title is not valid.
        var broken = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="{Sm}" xmlns:news="{News}">
             <url><loc>{Base}/news/x</loc><news:news><news:publication><news:name>The Quire</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-24</news:publication_date></news:news></url>
            </urlset>
            """;
        await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => SitemapSchema.AssertValidAsync(System.Text.Encoding.UTF8.GetBytes(broken), "broken"));
    }

    [Fact]
    public async Task ArticleSitemap_ListsEveryPublishedStoryOnceWithLastmodAndHeroImage()
    {
        var (doc, _) = await GetXmlAsync("/sitemaps/articles-1.xml");
        var expected = app.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).Include(a => a.PrimarySection).AsEnumerable()
            .ToDictionary(a => $"{Base}/{a.PrimarySection.Path}/{a.Slug}", a => (a.ModifiedAt, Hero: a.HeroImage?.Url)));
        var urls = doc.Root!.Elements(Sm + "url").ToList();
        Assert.Equal(expected.Keys.Order(), urls.Select(u => (string)u.Element(Sm + "loc")!).Order());
        foreach (var url in urls)
        {
            var (modified, hero) = expected[(string)url.Element(Sm + "loc")!];
            Assert.Equal(modified.AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond)), DateTimeOffset.Parse((string)url.Element(Sm + "lastmod")!).UtcDateTime);
            Assert.Equal(Base + hero, (string?)url.Element(Image + "image")?.Element(Image + "loc"));
        }
        Assert.Equal(404, (int)(await app.Reader().GetAsync("/sitemaps/articles-2.xml")).StatusCode);
        Assert.Equal(404, (int)(await app.Reader().GetAsync("/sitemaps/articles-0.xml")).StatusCode);
    }

    [Fact]
    public async Task SectionAuthorTagAndPageSitemaps_ListOnlyPagesThatAnswer()
    {
        var reader = app.Reader();
        var sections = await LocsAsync("/sitemaps/sections.xml");
        Assert.Contains($"{Base}/culture", sections);
        Assert.Contains($"{Base}/culture/film-tv", sections);
        var authors = await LocsAsync("/sitemaps/authors.xml");
        Assert.Contains($"{Base}/author/priya-mahendran", authors);
        var tags = await LocsAsync("/sitemaps/tags.xml");
        Assert.Contains($"{Base}/tag/film", tags);
        var pages = await LocsAsync("/sitemaps/pages.xml");
        Assert.Equal($"{Base}/", pages[0]);
        Assert.Contains($"{Base}/corrections", pages);

        var withStories = app.WithDb(db => db.Tags.Count(t => db.Articles.Any(a => a.Status == ArticleStatus.Published && a.Tags.Any(at => at.TagId == t.Id))));
        Assert.Equal(withStories, tags.Count);
        foreach (var loc in sections.Concat(authors).Concat(tags).Concat(pages))
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(loc[Base.Length..])).StatusCode);
    }

    [Fact]
    public async Task Sitemaps_AnswerIfNoneMatchWith304()
    {
        var client = app.Reader();
        foreach (var url in new[] { "/sitemap.xml", "/sitemaps/articles-1.xml", "/robots.txt" })
        {
            var first = await client.GetAsync(url);
            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        }
        Assert.Equal("application/xml", (await client.GetAsync("/sitemaps/tags.xml")).Content.Headers.ContentType!.MediaType);
    }

    private async Task<List<string>> LocsAsync(string path)
    {
        var (doc, bytes) = await GetXmlAsync(path);
        await SitemapSchema.AssertValidAsync(bytes, path);
        return doc.Root!.Elements(Sm + "url").Select(u => (string)u.Element(Sm + "loc")!).ToList();
    }

    private async Task<(XDocument Doc, byte[] Bytes)> GetXmlAsync(string path)
    {
        var response = await app.Reader().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (XDocument.Load(new MemoryStream(bytes)), bytes);
    }
}
