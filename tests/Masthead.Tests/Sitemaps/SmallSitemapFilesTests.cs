using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Sitemaps;

/// <summary>The app with ten stories per article sitemap, so the demo's stories need several files.</summary>
public sealed class TenPerSitemapApp : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // sitemaps are rendered, not stored

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Sitemaps:ArticlesPerFile", "10");
    }
}

/// <summary>Article sitemaps split at the configured size, and the Google News sitemap's 48-hour window.</summary>
public class SmallSitemapFilesTests(TenPerSitemapApp app) : IClassFixture<TenPerSitemapApp>
{
    private const string Base = "https://quire.example";
    private static readonly XNamespace Sm = SitemapTests.Sm;
    private static readonly XNamespace News = SitemapTests.News;

    [Fact]
    public async Task ArticleSitemaps_SplitIntoFilesOfTheConfiguredSize_EachStoryInExactlyOne()
    {
        var published = app.WithDb(db => db.Articles.Count(a => a.Status == ArticleStatus.Published));
        var files = (published + 9) / 10;
        Assert.True(files > 1, "the demo should need more than one file at ten per file");

        var index = XDocument.Parse(await app.Reader().GetStringAsync("/sitemap.xml"));
        var listed = index.Root!.Elements(Sm + "sitemap").Select(s => (string)s.Element(Sm + "loc")!)
            .Where(l => l.Contains("/sitemaps/articles-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, files).Select(n => $"{Base}/sitemaps/articles-{n}.xml"), listed);

        var seen = new List<string>();
        foreach (var file in listed)
        {
            var bytes = await app.Reader().GetByteArrayAsync(file[Base.Length..]);
            await SitemapSchema.AssertValidAsync(bytes, file);
            var locs = XDocument.Load(new MemoryStream(bytes)).Root!.Elements(Sm + "url").Select(u => (string)u.Element(Sm + "loc")!).ToList();
            Assert.InRange(locs.Count, 1, 10);
            seen.AddRange(locs);
        }
        Assert.Equal(published, seen.Count);
        Assert.Equal(published, seen.Distinct().Count());
        Assert.Equal(404, (int)(await app.Reader().GetAsync($"/sitemaps/articles-{files + 1}.xml")).StatusCode);
    }

    [Fact]
    public async Task NewsSitemap_HoldsTheLast48HoursWithPublicationLanguageDateAndTitle()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Night buses return to the old route",
            standfirst = "The N12 is back.",
            section = "news/uk",
            bylines = new[] { "priya-mahendran" },
            body = "The N12 runs again from Friday.",
        }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);
        var story = $"{Base}/news/uk/night-buses-return-to-the-old-route";
        var publishedAt = app.Clock.GetUtcNow();

        var bytes = await app.Reader().GetByteArrayAsync("/sitemaps/news.xml");
        await SitemapSchema.AssertValidAsync(bytes, "news.xml");
        var urls = XDocument.Load(new MemoryStream(bytes)).Root!.Elements(Sm + "url").ToList();
        var entry = urls.Single(u => (string)u.Element(Sm + "loc")! == story).Element(News + "news")!;
        Assert.Equal("The Quire", (string?)entry.Element(News + "publication")!.Element(News + "name"));
        Assert.Equal("en", (string?)entry.Element(News + "publication")!.Element(News + "language"));
        Assert.Equal("Night buses return to the old route", (string?)entry.Element(News + "title"));
        var date = DateTimeOffset.Parse((string)entry.Element(News + "publication_date")!);
        Assert.InRange(date, publishedAt.AddSeconds(-2), publishedAt.AddSeconds(1));
        Assert.All(urls, u => Assert.True(DateTimeOffset.Parse((string)u.Element(News + "news")!.Element(News + "publication_date")!) >= publishedAt.AddHours(-48)));
        Assert.Contains($"{Base}/sitemaps/news.xml", await app.Reader().GetStringAsync("/sitemap.xml"));

        // Two days and an hour later the story has left the news sitemap (and with nothing newer, the index drops it).
        app.Clock.Advance(TimeSpan.FromHours(49));
        await app.UseAsync<IContentChangeNotifier, bool>(async n => { await n.ContentChangedAsync(CancellationToken.None); return true; });
        Assert.DoesNotContain(story, await app.Reader().GetStringAsync("/sitemaps/news.xml"));
        Assert.DoesNotContain($"{Base}/sitemaps/news.xml", await app.Reader().GetStringAsync("/sitemap.xml"));
        // It is still in the article sitemaps: in the last file, as the newest id.
        var lastFile = (app.WithDb(db => db.Articles.Count(a => a.Status == ArticleStatus.Published)) + 9) / 10;
        Assert.Contains(story, await app.Reader().GetStringAsync($"/sitemaps/articles-{lastFile}.xml"));
    }
}
