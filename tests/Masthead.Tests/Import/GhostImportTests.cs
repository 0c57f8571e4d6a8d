using System.Net;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>A Ghost 5 export: primary tags as sections, co-authors, Lexical, Mobiledoc and card HTML bodies, old addresses.</summary>
public class GhostImportTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static readonly string File = ImportTestSupport.Fixture("ghost-small.json");

    private Article Story(string slug) => app.WithDb(db => db.Articles
        .Include(a => a.PrimarySection).Include(a => a.Bylines).ThenInclude(b => b.Author).Include(a => a.Tags).ThenInclude(t => t.Tag)
        .AsNoTracking().Single(a => a.Slug == slug));

    [Fact]
    public async Task Import_MapsTagsPeopleAndBodies_AndOldAddressesRedirect()
    {
        var report = await app.ImportGhostAsync(File);
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(4, report.Created("articles"));
        Assert.Equal(1, report.Created("pages"));
        // Primary tags (City hall, Arts) became sections; Budgets stayed a tag; the internal #featured was left out.
        Assert.Equal(2, report.Created("sections"));
        Assert.Equal(1, report.Created("tags"));
        Assert.Contains(report.Warnings, w => w.Item.Contains("#featured") && w.Field == "visibility");

        var library = Story("library-roof");
        Assert.Equal("city-hall", library.PrimarySection.Path);
        Assert.Equal(["Budgets"], library.Tags.Select(t => t.Tag.Name));
        Assert.Equal(["Wren Okafor", "Piet Lindqvist"], library.Bylines.OrderBy(b => b.Position).Select(b => b.Author.Name));
        Assert.Equal(ArticleStatus.Published, library.Status);
        Assert.Equal(new DateTime(2023, 6, 5, 7, 30, 0, DateTimeKind.Utc), library.FirstPublishedAt);
        Assert.Equal("Forty years of buckets under the skylight are over.", library.Standfirst);
        Assert.Equal("Library roof finished", library.SeoTitle);
        Assert.Equal("The Tanner Street library is dry again.", library.SeoDescription);
        Assert.Equal("A brick library with tall windows", library.HeroImage!.Alt);
        Assert.Equal("Photo: Piet Lindqvist", library.HeroImage.Caption);
        Assert.Equal("/content/images/2023/05/library.jpg", library.HeroImage.Url);
        var wren = app.WithDb(db => db.Authors.AsNoTracking().Single(a => a.Slug == "wren"));
        Assert.Equal("Covers the council.", wren.Bio);
        Assert.Contains("https://x.com/wrenwrites", wren.Links);

        // Card HTML.
        var body = library.BodyMarkdown;
        Assert.Contains("[budget](https://example.org/budget)", body);
        Assert.Contains(":::figure\n![A brick library with tall windows](/content/images/2023/05/library.jpg)\nThe library in May.\n:::", body);
        Assert.Contains("![A reading room with green lamps](/content/images/2023/05/reading-room.jpg)\nInside, before the works.\n:::", body);
        Assert.Contains(":::embed https://www.youtube.com/watch?v=Lb9vT4sQe2M\nCouncil meeting\n:::", body);
        Assert.Contains("> Libraries are the last rooms where nobody asks you to buy anything.", body);
        Assert.Contains(":::pullquote\nNobody asks you to buy anything.\n:::", body);
        Assert.Contains(":::embed https://example.org/minutes\nMinutes of the June meeting\n:::", body);
        Assert.Contains("| Year | Visits |", body);
        Assert.Contains(report.KeptAsHtml, k => k.Message.Contains("kg-callout-card"));
        Assert.Contains("Opening hours will change in August.", library.BodyHtml);
        Assert.Contains(report.Warnings, w => w.Item.Contains("post:p1") && w.Message.Contains("<script>"));
        Assert.DoesNotContain("tracker.example", library.BodyHtml);

        // Lexical.
        var swifts = Story("swifts-over-tanner-street");
        Assert.Equal("arts", swifts.PrimarySection.Path);
        Assert.Contains("The mural on Tanner Street took **nine weeks** and one very tall ladder.", swifts.BodyMarkdown);
        Assert.Contains("### Who painted it", swifts.BodyMarkdown);
        Assert.Contains("1. Noor Haddad\n2. [Ravi Castellanos](https://example.org/ravi)", swifts.BodyMarkdown);
        Assert.Contains("> *We wanted the wall to look back at people.*", swifts.BodyMarkdown);
        Assert.Contains(":::figure\n![A mural of swifts over rooftops](/content/images/2023/06/mural.jpg)\nThe finished wall\n:::", swifts.BodyMarkdown);
        Assert.Contains(":::embed https://www.instagram.com/p/Cx1a2b3c4d5/", swifts.BodyMarkdown);
        Assert.Contains("```yaml\npaint: 40 litres\nladder: 1\n```", swifts.BodyMarkdown);
        Assert.Contains(report.KeptAsHtml, k => k.Item.Contains("post:p2") && k.Message.Contains("toggle"));

        // Mobiledoc, a draft, filed under its primary tag.
        var market = Story("market-moves");
        Assert.Equal(ArticleStatus.Draft, market.Status);
        Assert.Contains("The Thursday market is moving to the [old tram depot](https://example.org/market) in spring.", market.BodyMarkdown);
        Assert.Contains("- more room\n- *a roof*", market.BodyMarkdown);
        Assert.Contains("![A market stall with crates of plums](/content/images/2023/07/stall.jpg)\nPlums, mostly", market.BodyMarkdown);
        Assert.Contains("---", market.BodyMarkdown);

        // Members-only stays out of the public site.
        Assert.Equal(ArticleStatus.Draft, Story("members-diary-june").Status);
        Assert.Contains(report.Warnings, w => w.Item.Contains("post:p5") || w.Item.Contains("post p5") && w.Field == "visibility");
        Assert.Equal("Contact us", app.WithDb(db => db.Pages.Single(p => p.Slug == "write-to-us").Title));

        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (old, target) in new[]
        {
            ("/library-roof/", "/city-hall/library-roof"),
            ("/tag/city-hall/", "/city-hall"),
            ("/tag/arts", "/arts"),
        })
        {
            var response = await client.GetAsync(old);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {response.StatusCode}");
            Assert.Equal(target, response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tag/budgets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/author/wren")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/write-to-us")).StatusCode);

        var again = await app.ImportGhostAsync(File);
        Assert.Equal(0, again.Created("articles") + again.Updated("articles"));
        Assert.Equal(4, again.Unchanged("articles"));
    }
}

/// <summary>Which Ghost tags become sections is the importer's choice: here only Budgets.</summary>
public class GhostChosenSectionsTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task ChosenTags_BecomeSections_OthersStayTags()
    {
        var report = await app.ImportGhostAsync(ImportTestSupport.Fixture("ghost-small.json"), sections: ["budgets"]);
        Assert.False(report.Failed, report.ToString());
        var library = app.WithDb(db => db.Articles.Include(a => a.PrimarySection).Include(a => a.Tags).ThenInclude(t => t.Tag).AsNoTracking().Single(a => a.Slug == "library-roof"));
        Assert.Equal("budgets", library.PrimarySection.Path);
        Assert.Equal(["City hall"], library.Tags.Select(t => t.Tag.Name));
        // A post without any chosen tag is filed in the archive section, and the report says so.
        var swifts = app.WithDb(db => db.Articles.Include(a => a.PrimarySection).AsNoTracking().Single(a => a.Slug == "swifts-over-tanner-street"));
        Assert.Equal("archive", swifts.PrimarySection.Path);
        Assert.Contains(report.Warnings, w => w.Item.Contains("post:p2") && w.Field == "sections");

        var unknown = await app.ImportGhostAsync(ImportTestSupport.Fixture("ghost-small.json"), sections: ["no-such-tag"]);
        Assert.Contains(unknown.Errors, e => e.Item == "--sections" && e.Message.Contains("no-such-tag"));
    }
}
