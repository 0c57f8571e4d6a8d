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
