using System.IO.Compression;
using System.Net;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>
/// An export written by the real WordPress 6.1 (Debian's package, the peer in /work/shared/peers) with its own
/// exporter, from invented content: Fixtures/real/make-fixtures.sh made it. Everything in it must be accounted for.
/// </summary>
public class RealWordPressExportTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static string Unzip(MastheadAppFactory app, string name)
    {
        var path = Path.Combine(app.DataDirectory, Path.GetFileNameWithoutExtension(name));
        using var input = new GZipStream(File.OpenRead(ImportTestSupport.Fixture(Path.Combine("real", name))), CompressionMode.Decompress);
        using var output = File.Create(path);
        input.CopyTo(output);
        return path;
    }

    [Fact]
    public async Task RealExport_ImportsCompletely_WithItsPicture()
    {
        var file = Unzip(app, "wordpress-real.wxr.xml.gz");
        var report = await app.ImportWordPressAsync(file, media: ImportTestSupport.Fixture(Path.Combine("real", "uploads")));
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(5, report.Created("articles"));
        Assert.Equal(1, report.Created("pages"));
        Assert.Equal(1, report.MediaImported);
        Assert.Empty(report.ExternalImages);
        Assert.Empty(report.KeptAsHtml);

        var story = app.WithDb(db => db.Articles.Include(a => a.PrimarySection).Include(a => a.Bylines).ThenInclude(b => b.Author)
            .Include(a => a.Tags).ThenInclude(t => t.Tag).AsNoTracking().Single(a => a.Slug == "mill-pond-path-to-reopen-after-four-years"));
        Assert.Equal("town/planning", story.PrimarySection.Path);
        Assert.Equal("Hana Ostrowski", Assert.Single(story.Bylines).Author.Name);
        Assert.Equal(["Council", "Flood"], story.Tags.Select(t => t.Tag.Name).Order());
        Assert.Equal(new DateTime(2024, 3, 12, 9, 15, 0, DateTimeKind.Utc), story.FirstPublishedAt);
        Assert.Equal("The council approves a boardwalk along the east bank.", story.Standfirst);
        Assert.NotNull(story.HeroImage!.MediaId);
        Assert.Equal("A still pond reflecting a brick mill", story.HeroImage.Alt);
        Assert.Equal("The mill pond in March.", story.HeroImage.Caption);
        Assert.Contains("> — Councillor Ines Varga", story.BodyMarkdown);
        Assert.Contains(":::pullquote\nFour years without it was long enough.\n:::", story.BodyMarkdown);
        Assert.Contains("The pond from the old bridge.\n:::", story.BodyMarkdown);
        Assert.Contains(":::embed https://www.youtube.com/watch?v=Mb3Qw7xT9sA", story.BodyMarkdown);
        Assert.Contains("| Opens | September |", story.BodyMarkdown);
        Assert.Equal(ArticleStatus.Draft, app.WithDb(db => db.Articles.Single(a => a.Slug == "budget-meeting-notes").Status));
        Assert.Equal(ArticleStatus.Scheduled, app.WithDb(db => db.Articles.Single(a => a.Slug == "summer-fair-line-up").Status));
        Assert.Equal(ArticleStatus.InReview, app.WithDb(db => db.Articles.Single(a => a.Slug == "letters-the-bus-shelter").Status));
        Assert.Equal("Food & Drink", app.WithDb(db => db.Sections.Single(s => s.Path == "food-drink").Name));

        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var moved = await client.GetAsync("/2024/03/12/mill-pond-path-to-reopen-after-four-years/");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/town/planning/mill-pond-path-to-reopen-after-four-years", moved.Headers.Location!.OriginalString);
        Assert.Equal("/about-the-courier", (await client.GetAsync("/?page_id=" + PageId(file))).Headers.Location!.OriginalString);
    }

    private static string PageId(string file)
    {
        var text = File.ReadAllText(file);
        var at = text.IndexOf("<wp:post_type><![CDATA[page]]>", StringComparison.Ordinal);
        var id = text.LastIndexOf("<wp:post_id>", at, StringComparison.Ordinal) + "<wp:post_id>".Length;
        return text[id..text.IndexOf('<', id)];
    }
}

/// <summary>
/// An export written by the real Ghost 5.130 (the peer) from invented content loaded through its Admin API:
/// imported from its rendered html, and again from its Lexical documents alone.
/// </summary>
public class RealGhostExportTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task RealExport_ImportsCompletely_FromHtmlAndFromLexical()
    {
        var file = RealWordPressExportTests.Unzip(app, "ghost-real.json.gz");
        var report = await app.ImportGhostAsync(file);
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(3, report.Created("articles"));
        // The two sections are the posts' primary tags; Ghost's own "News" tag and the others stay tags.
        Assert.Equal(2, report.Created("sections"));
        Assert.Empty(report.KeptAsHtml);

        var ferry = app.WithDb(db => db.Articles.Include(a => a.PrimarySection).Include(a => a.Bylines).ThenInclude(b => b.Author)
            .Include(a => a.Tags).ThenInclude(t => t.Tag).AsNoTracking().Single(a => a.Slug == "chain-ferry-new-chain"));
        Assert.Equal("river", ferry.PrimarySection.Path);
        Assert.Equal("Odile Brennan", Assert.Single(ferry.Bylines).Author.Name);
        Assert.Equal(["Ferries"], ferry.Tags.Select(t => t.Tag.Name));
        Assert.Equal("Forty tonnes of steel, and a week without a crossing.", ferry.Standfirst);
        Assert.Equal(new DateTime(2024, 5, 14, 8, 0, 0, DateTimeKind.Utc), ferry.FirstPublishedAt);
        var fromHtml = ferry.BodyMarkdown;
        Assert.Contains("the **chain ferry** at Averby will not run, while its [chain](https://example.org/averby) is replaced.", fromHtml);
        Assert.Contains("## How to cross meanwhile", fromHtml);
        Assert.Contains("- The bridge at Kell, six miles upstream", fromHtml);
        Assert.Contains("> The old chain did thirty-one years. It owes nobody anything.", fromHtml);
        Assert.Contains(":::figure\n![A heavy chain coiled on a riverbank](https://images.fixture.example/ferry-chain.jpg)\nThe old chain, coiled on the slip.\n:::", fromHtml);
        Assert.Contains("https://images.fixture.example/ferry-chain.jpg", report.ExternalImages);
        var market = app.WithDb(db => db.Articles.AsNoTracking().Single(a => a.Slug == "saturday-market-indoors")).BodyMarkdown;
        Assert.Contains("1. Fruit and vegetables by the door", market);
        Assert.Contains("Opens 08:00\nCloses 14:00", market);
        Assert.Contains(":::embed https://www.youtube.com/watch?v=Tq8dL2vR5mE", app.WithDb(db => db.Articles.AsNoTracking().Single(a => a.Slug == "eel-season-opens")).BodyMarkdown);

        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var moved = await client.GetAsync("/chain-ferry-new-chain/");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/river/chain-ferry-new-chain", moved.Headers.Location!.OriginalString);

        // The same export without its rendered html: the Lexical documents give the same body.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        foreach (var post in json["db"]![0]!["data"]!["posts"]!.AsArray()) post!["html"] = null;
        var lexicalOnly = app.Write("ghost-lexical.json", json.ToJsonString());
        var again = await app.ImportGhostAsync(lexicalOnly);
        Assert.False(again.Failed, again.ToString());
        var fromLexical = app.WithDb(db => db.Articles.AsNoTracking().Single(a => a.Slug == "chain-ferry-new-chain")).BodyMarkdown;
        Assert.Equal(fromHtml, fromLexical);
    }
}
