using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Media;
using Masthead.Tests.Import;
using Masthead.Tests.Media;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Embeds;

/// <summary>A site whose YouTube stills come from a loopback server of the tests' own (the tests cannot reach YouTube).</summary>
public class VideoStillAppFactory : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // the demo is saved without fetching video stills

    public VideoStillSite Stills { get; private set; } = null!;

    // Videos without a still on the site are part of what these tests try: the app logs the 404 and goes on without one.
    public VideoStillAppFactory() => ExpectLog("answered 404 Not Found");

    public override async Task InitializeAsync()
    {
        Stills = await VideoStillSite.StartAsync(TestImages.Jpeg(480, 360));
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:FetchAllowedNetworks:0", "127.0.0.0/8");
        builder.UseSetting("Masthead:Media:YouTubeThumbnailUrl", Stills.Template);
    }

    protected override async ValueTask StopHelpersAsync()
    {
        await Stills.DisposeAsync();
        await base.StopHelpersAsync();
    }
}

/// <summary>The same, with the media library in an S3-compatible bucket.</summary>
public sealed class S3VideoStillAppFactory : VideoStillAppFactory
{
    public S3TestServer S3 { get; private set; } = null!;
    public const string Prefix = "stills/";

    public override async Task InitializeAsync()
    {
        S3 = await S3TestServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        S3.Configure(builder, Prefix);
    }

    protected override async ValueTask StopHelpersAsync()
    {
        await base.StopHelpersAsync();
        await S3.DisposeAsync();
    }
}

/// <summary>
/// A YouTube embed's still is fetched into the media library when the story is saved, once per video, and its card
/// shows that copy; a still that cannot be fetched leaves the card without one and the save unharmed.
/// </summary>
public class VideoStillTests(VideoStillAppFactory app) : IClassFixture<VideoStillAppFactory>
{
    internal static string Embed(string address, string text = "The march leaves the park.") =>
        $"Before the video.\n\n:::embed {address}\n{text}\n— @quirevideo · 2026-11-20\n:::\n\nAfter it.";

    internal static async Task<(int Id, string Url)> PublishedStoryAsync(MastheadAppFactory app, string headline, string body)
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline, standfirst = "A standfirst.", section = "news", bylines = new[] { "wren-ashdown" }, body,
        }, 201);
        var id = created["id"]!.GetValue<int>();
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        return (id, created["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheStill_IsFetchedOnceIntoTheLibrary_AndTheCardShowsThatCopy()
    {
        const string video = "Qm4rch2026a";
        app.Stills.Available[video] = 0;
        var (_, url) = await PublishedStoryAsync(app, "March on video", Embed($"https://www.youtube.com/watch?v={video}") + "\n\n" + Embed($"https://youtu.be/{video}", "The same march, again."));
        Assert.Equal(1, app.Stills.RequestsFor(video));

        var stored = app.WithDb(db => db.VideoThumbnails.Include(t => t.Media).Single(t => t.VideoId == video));
        Assert.Equal("youtube", stored.Provider);
        Assert.Equal((480, 360), (stored.Media!.Width, stored.Media.Height));
        var still = MediaUrls.Default(MediaRef.From(stored.Media));

        var page = await app.Reader().GetPageAsync(url);
        var posters = page.QuerySelectorAll("figure.embed--youtube img.embed__poster");
        Assert.Equal(2, posters.Length);
        Assert.All(posters, p => Assert.Equal(still, p.GetAttribute("src")));
        Assert.All(posters, p => Assert.Equal("", p.GetAttribute("alt")));
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(still)).StatusCode);
        // Without script the card still leads to the video; the script that plays it in place is the site's own.
        Assert.Equal($"https://www.youtube.com/watch?v={video}", page.QuerySelector("figure.embed--youtube a.embed__link")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("script[src^='/assets/video-embed.js']"));
        Assert.Null(page.QuerySelector("iframe"));

        // Another story with the same video uses the copy already stored.
        var (_, second) = await PublishedStoryAsync(app, "The march again", Embed($"https://www.youtube.com/shorts/{video}"));
        Assert.Equal(1, app.Stills.RequestsFor(video));
        Assert.Equal(still, (await app.Reader().GetPageAsync(second)).QuerySelector("img.embed__poster")!.GetAttribute("src"));
        Assert.Equal(1, app.WithDb(db => db.VideoThumbnails.Count(t => t.VideoId == video)));
    }

    [Fact]
    public async Task AStillThatCannotBeFetched_LeavesTheCardWithoutOne_AndTheStorySaves()
    {
        const string video = "N0tTh3r3xyz";
        var mediaBefore = app.WithDb(db => db.Media.Count());
        var (id, url) = await PublishedStoryAsync(app, "A video without a still", Embed($"https://www.youtube.com/watch?v={video}"));
        Assert.Equal(1, app.Stills.RequestsFor(video));
        Assert.Equal(0, app.WithDb(db => db.VideoThumbnails.Count(t => t.VideoId == video)));
        Assert.Equal(mediaBefore, app.WithDb(db => db.Media.Count()));

        var card = (await app.Reader().GetPageAsync(url)).QuerySelector("figure.embed--youtube")!;
        Assert.Null(card.QuerySelector("img"));
        Assert.Contains("The march leaves the park.", card.TextContent);
        Assert.Equal($"https://www.youtube.com/watch?v={video}", card.QuerySelector("a.embed__link")!.GetAttribute("href"));

        // Once the service has it, the next save fetches it and the card gains it.
        app.Stills.Available[video] = 0;
        var editor = await app.ClientAsAsync(Role.Editor);
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var saved = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { body = Embed($"https://www.youtube.com/watch?v={video}", "Now with a still.") }, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, app.Stills.RequestsFor(video));
        Assert.NotNull((await app.Reader().GetPageAsync(url)).QuerySelector("figure.embed--youtube img.embed__poster"));
    }

    [Fact]
    public async Task AnImport_FetchesTheStillsOfItsVideos_AndItsCardsShowThem()
    {
        // The WordPress fixture embeds two YouTube videos; the service has a still for one of them.
        app.Stills.Available["Xf3kq9ZpQ2A"] = 0;
        var report = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"));
        Assert.False(report.Failed, string.Join("; ", report.Errors));
        Assert.Equal(1, app.Stills.RequestsFor("Xf3kq9ZpQ2A"));
        Assert.Equal(1, app.Stills.RequestsFor("Qm7bX2c1LkE"));

        var (withStill, withoutStill) = app.WithDb(db => (
            db.Articles.Single(a => a.BodyMarkdown.Contains("Xf3kq9ZpQ2A")).BodyHtml,
            db.Articles.Single(a => a.BodyMarkdown.Contains("Qm7bX2c1LkE")).BodyHtml));
        var still = app.WithDb(db => db.VideoThumbnails.Include(t => t.Media).Single(t => t.VideoId == "Xf3kq9ZpQ2A").Media!);
        Assert.Contains($"<img class=\"embed__poster\" src=\"{MediaUrls.Default(MediaRef.From(still))}\"", withStill);
        Assert.DoesNotContain("embed__poster", withoutStill);
        Assert.Contains("embed--youtube", withoutStill);
    }

    [Fact]
    public async Task ALiveEntry_EmbeddingAVideo_ShowsItsStill()
    {
        const string video = "L1v3Entry00";
        app.Stills.Available[video] = 0;
        var (id, url) = await PublishedStoryAsync(app, "A live blog with video", "Coverage starts here.");
        var editor = await app.ClientAsAsync(Role.Editor);
        await editor.PostJsonAsync($"/api/admin/articles/{id}/live", new { }, 200);
        await editor.PostJsonAsync($"/api/admin/articles/{id}/entries", new { body = Embed($"https://youtu.be/{video}", "The bridge, live.") }, 201);
        Assert.Equal(1, app.Stills.RequestsFor(video));

        var page = await app.Reader().GetPageAsync(url);
        var still = app.WithDb(db => db.VideoThumbnails.Include(t => t.Media).Single(t => t.VideoId == video).Media!);
        Assert.Equal(MediaUrls.Default(MediaRef.From(still)), page.QuerySelector(".live-entry figure.embed--youtube img.embed__poster")!.GetAttribute("src"));
        Assert.NotNull(page.QuerySelector("script[src^='/assets/video-embed.js']"));
    }

    [Fact]
    public async Task ThePagesPolicy_AllowsExactlyTheNoCookiePlayerAsAFrame()
    {
        var response = await app.Reader().GetAsync("/");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(["frame-src https://www.youtube-nocookie.com"], policy.Split(';', StringSplitOptions.TrimEntries).Where(d => d.StartsWith("frame-src", StringComparison.Ordinal)));
        Assert.Contains("script-src 'self'", policy);
    }
}

/// <summary>The stills go to the bucket like every other picture when the library lives in S3.</summary>
public class S3VideoStillTests(S3VideoStillAppFactory app) : IClassFixture<S3VideoStillAppFactory>
{
    [Fact]
    public async Task TheStill_IsStoredInTheBucket_AndServedFromIt()
    {
        const string video = "Buck3tV1d30";
        app.Stills.Available[video] = 0;
        var (_, url) = await VideoStillTests.PublishedStoryAsync(app, "A video kept in the bucket", VideoStillTests.Embed($"https://www.youtube.com/watch?v={video}"));
        var key = app.WithDb(db => db.VideoThumbnails.Where(t => t.VideoId == video).Select(t => t.Media!.StorageKey).Single());
        Assert.Contains($"{S3VideoStillAppFactory.Prefix}{key}/source.jpg", await app.S3.KeysAsync(S3VideoStillAppFactory.Prefix + key));

        var src = (await app.Reader().GetPageAsync(url)).QuerySelector("img.embed__poster")!.GetAttribute("src")!;
        var still = await app.Reader().GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.StartsWith("image/", still.Content.Headers.ContentType!.MediaType);
    }
}
