using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.Import;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>A WordPress (WXR 1.2) export into the demo publication: mapping, bodies, old addresses, re-runs.</summary>
public class WordPressImportTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static readonly string File = ImportTestSupport.Fixture("wordpress-small.xml");

    private Article Story(string slug) => app.WithDb(db => db.Articles
        .Include(a => a.PrimarySection).Include(a => a.Bylines).ThenInclude(b => b.Author).Include(a => a.Tags).ThenInclude(t => t.Tag)
        .Include(a => a.SecondarySections).ThenInclude(s => s.Section)
        .AsNoTracking().Single(a => a.Slug == slug));

    [Fact]
    public async Task Import_MapsEverything_AndReRunChangesNothing()
    {
        var report = await app.ImportWordPressAsync(File);
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(6, report.Created("articles"));
        Assert.Equal(1, report.Created("pages"));
        Assert.Equal(3, report.Created("sections"));
        Assert.Equal(3, report.Created("authors"));
        Assert.Equal(2, report.Created("tags"));

        // Categories keep their tree.
        var ferry = Story("sunday-ferry-returns");
        Assert.Equal("estuary/ferries", ferry.PrimarySection.Path);
        Assert.Equal("Kitchens & Tables", app.WithDb(db => db.Sections.Single(s => s.Path == "kitchens").Name));

        // Co-Authors Plus bylines, in order, with the guest author created from her profile.
        Assert.Equal(["Tove Marchetti", "Ilse Brandvold"], ferry.Bylines.OrderBy(b => b.Position).Select(b => b.Author.Name));
        Assert.Equal("Ilse writes about boats and the people who mend them.", app.WithDb(db => db.Authors.Single(a => a.Slug == "ilse-brandvold").Bio));
        Assert.Equal(["Harbour council", "Timetables"], ferry.Tags.Select(t => t.Tag.Name).Order());

        // Status, dates, excerpt, featured image, Yoast.
        Assert.Equal(ArticleStatus.Published, ferry.Status);
        Assert.Equal(new DateTime(2022, 4, 25, 9, 30, 0, DateTimeKind.Utc), ferry.FirstPublishedAt);
        Assert.Equal("Two winters without a Sunday boat, and the island has opinions.", ferry.Standfirst);
        Assert.Equal("https://lantern.example/wp-content/uploads/2022/04/ferry-deck.jpg", ferry.HeroImage!.Url);
        Assert.Equal("Cars queue on the deck of a small ferry at dawn", ferry.HeroImage.Alt);
        Assert.Equal("The morning crossing, seen from the car deck.", ferry.HeroImage.Caption);
        Assert.Equal("The Sunday ferry returns, and so do the arguments", ferry.SeoTitle);
        Assert.Equal("The Sunday crossing to Holm Point is back after two winters.", ferry.SeoDescription);
        Assert.Equal(ArticleStatus.Draft, Story("notes-on-the-harbour-council-vote").Status);
        var scheduled = Story("regatta-week-preview");
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        Assert.Equal(new DateTime(2031, 7, 1, 6, 0, 0, DateTimeKind.Utc), scheduled.ScheduledFor);
        Assert.Equal(ArticleStatus.InReview, Story("letters-lighthouse-paint").Status);
        Assert.Equal(ArticleStatus.Draft, Story("summer-rota").Status);
        Assert.Contains(report.Warnings, w => w.Item.Contains("post:16") && w.Field == "status");
        // A classic post in two categories: the first is primary, the other a further section.
        var pie = Story("eel-pie-old-way");
        Assert.Equal("kitchens", pie.PrimarySection.Path);
        Assert.Equal(["estuary"], pie.SecondarySections.Select(s => s.Section.Path));

        // Bodies: block markup.
        var body = ferry.BodyMarkdown;
        Assert.Contains("**Sunday crossing** to Holm Point is back on the [timetable](https://lantern.example/timetable/), *starting this weekend*.", body);
        Assert.Contains("## What changes", body);
        Assert.Contains("- Last boat back at 18:40\n  - except in fog", body);
        Assert.Contains("> We ran it at a loss for eleven years. Nobody thanked us until it stopped.\n>\n> — Benedikt Sowa, skipper", body);
        Assert.Contains(":::pullquote\nNobody thanked us until it stopped.\n:::", body);
        Assert.Contains(":::figure\n![Cars queue on the deck of a small ferry at dawn](https://lantern.example/wp-content/uploads/2022/04/ferry-deck.jpg)\nThe 8:15 leaves the north slip.\n:::", body);
        Assert.Contains("![The south slip with a moored dinghy](https://lantern.example/wp-content/uploads/2022/04/slip-south.jpg)", body);
        Assert.Contains(":::embed https://www.youtube.com/watch?v=Xf3kq9ZpQ2A\nThe first crossing, filmed by a passenger.\n:::", body);
        Assert.Contains(":::embed https://twitter.com/holmpoint/status/1518540000000000000", body);
        Assert.Contains("| Day | Crossings |", body);
        Assert.Contains("| Sunday | 5 |", body);
        Assert.Contains("```\ndepart 08:15 north\narrive 08:40 holm\n```", body);
        Assert.Contains("<details>", body);
        Assert.DoesNotContain("script", ferry.BodyHtml);
        Assert.DoesNotContain("alert", body);
        Assert.Contains("<aside class=\"pullquote\">", ferry.BodyHtml);
        Assert.Contains("<figure class=\"quote\">", ferry.BodyHtml);
        // What had no equivalent is in the report, with the story it is in.
        Assert.Contains(report.KeptAsHtml, k => k.Item.Contains("post:11") && k.Message.Contains("<details>"));
        Assert.Contains(report.Warnings, w => w.Item.Contains("post:11") && w.Message.Contains("<script>"));
        Assert.Contains("https://lantern.example/wp-content/uploads/2022/04/slip-north.jpg", report.ExternalImages);

        // Classic editor: paragraphs, [caption] and a bare video address.
        Assert.Contains("Marit Lunde has made the same pie every November for forty years.\n\nShe will not say where the eels come from.", pie.BodyMarkdown);
        Assert.Contains(":::figure\n![A pie with a crimped crust on a blue plate](https://lantern.example/wp-content/uploads/2019/11/pie.jpg)\nThe pie, before the argument about gravy.\n:::", pie.BodyMarkdown);
        Assert.Contains(":::embed https://www.youtube.com/watch?v=Qm7bX2c1LkE", pie.BodyMarkdown);
        Assert.Contains(report.Warnings, w => w.Item.Contains("post 12") && w.Message.Contains("[recipe]"));
        Assert.Contains(report.Warnings, w => w.Field == "wp:post_type" && w.Item.Contains("\"recipe\""));

        var page = app.WithDb(db => db.Pages.AsNoTracking().Single(p => p.Slug == "about-the-lantern"));
        Assert.Equal("About the Lantern", page.Title);

        // Old addresses answer 301 to the new ones.
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (old, target) in new[]
        {
            ("/2022/04/25/sunday-ferry-returns/", "/estuary/ferries/sunday-ferry-returns"),
            ("/?p=11", "/estuary/ferries/sunday-ferry-returns"),
            ("/2019/11/02/eel-pie-old-way/", "/kitchens/eel-pie-old-way"),
            ("/?page_id=30", "/about-the-lantern"),
            ("/category/estuary/ferries/", "/estuary/ferries"),
            ("/tag/harbour-council/", "/tag/harbour-council"),
            ("/author/desmond/", "/author/desmond"),
        })
        {
            var response = await client.GetAsync(old);
            if (old.TrimEnd('/') == target) { Assert.Equal(HttpStatusCode.OK, response.StatusCode); continue; }
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {response.StatusCode}");
            Assert.Equal(target, response.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(target)).StatusCode);
        }
        // The draft's short address leads nowhere readers can see: it is the home page, as in WordPress.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?p=13")).StatusCode);

        // Running it again finds everything it made and changes nothing.
        var before = await DbFingerprint.TakeAsync(app.Services);
        var again = await app.ImportWordPressAsync(File);
        Assert.False(again.Failed, again.ToString());
        Assert.Equal(0, again.Created("articles"));
        Assert.Equal(6, again.Unchanged("articles"));
        Assert.Equal(0, again.Created("sections") + again.Created("authors") + again.Created("tags") + again.Created("pages"));
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));

        // An edit in WordPress updates the same story in place, with a new revision.
        var edited = app.Variant("wordpress-small.xml", ("Eel pie, the old way", "Eel pie, the very old way"));
        var third = await app.ImportWordPressAsync(edited);
        Assert.Equal(1, third.Updated("articles"));
        Assert.Equal(5, third.Unchanged("articles"));
        var updated = Story("eel-pie-old-way");
        Assert.Equal(pie.Id, updated.Id);
        Assert.Equal("Eel pie, the very old way", updated.Headline);
        Assert.Equal(2, app.WithDb(db => db.ArticleRevisions.Count(r => r.ArticleId == pie.Id)));
        Assert.Equal(1, app.WithDb(db => db.Articles.Count(a => a.Slug.StartsWith("eel-pie"))));
    }
}
