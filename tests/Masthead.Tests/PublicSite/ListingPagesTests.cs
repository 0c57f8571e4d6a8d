using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Curation;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.PublicSite;

/// <summary>
/// The listing pages (section, tag, author, home) read their stories with fixed SQL of their own
/// (<c>ListingReads</c>). Each is held here to the one definition in Core of what a reader may see and what is "in a
/// section" (<see cref="ArticleFilters"/>), through EF Core, so the two cannot drift apart on either database.
/// </summary>
public class ListingPagesTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const int PageSize = 20;

    /// <summary>
    /// A desk with a sub-desk: stories in each, stories from elsewhere also shown in the desk, a draft in it, all under
    /// one new tag and one new author. Returns the desk's section id and the ids of its two pinned stories, pinned in
    /// that order (two of its oldest, so pins visibly lead).
    /// </summary>
    private async Task<(int DeskId, int[] Pinned)> DeskAsync(string marker)
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var desk = await editor.PostJsonAsync("/api/admin/sections", new { name = $"Desk {marker}", slug = $"desk-{marker}" }, 201);
        await editor.PostJsonAsync("/api/admin/sections", new { name = $"Sub-desk {marker}", slug = "sub", parent = $"desk-{marker}" }, 201);
        await editor.PostJsonAsync("/api/admin/authors", new { name = $"Lister {marker}", slug = $"lister-{marker}", links = new[] { "https://example.org/lister" } }, 201);
        var ids = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            var (section, alsoIn) = (i % 3) switch
            {
                0 => ($"desk-{marker}/sub", (string[])[]),
                1 => ($"desk-{marker}", []),
                _ => ("news", [$"desk-{marker}"]),
            };
            ids.Add(await app.UseAsync<SaveArticle, int>(async save => (await save.CreateAsync(new ArticleInput
            {
                Headline = $"Listed story {i} {marker}", Standfirst = "One of a run.", Body = "Text.", Section = section, AlsoIn = [.. alsoIn],
                Bylines = i % 2 == 0 ? [$"lister-{marker}", "wren-ashdown"] : [$"lister-{marker}"], Tags = [$"listed {marker}"],
            }, Editor.System, CancellationToken.None)).Value!.Id));
            await app.PublishAsync(ids[^1]);
        }
        // A draft in the desk, with the tag and the author: never listed.
        await app.UseAsync<SaveArticle, int>(async save => (await save.CreateAsync(new ArticleInput
        {
            Headline = $"Unlisted draft {marker}", Standfirst = "Not yet.", Body = "Text.", Section = $"desk-{marker}",
            Bylines = [$"lister-{marker}"], Tags = [$"listed {marker}"],
        }, Editor.System, CancellationToken.None)).Value!.Id);

        var deskId = desk["id"]!.GetValue<int>();
        int[] pinned = [ids[1], ids[0]];
        foreach (var id in pinned)
            Assert.True((await app.UseAsync<FrontPagePins, Masthead.Core.Common.Result<Pin>>(p => p.PinAsync(id, deskId, Editor.System with { Role = Role.Editor }, CancellationToken.None))).Value is not null);
        return (deskId, pinned);
    }

    /// <summary>The addresses of <paramref name="filter"/>'s published stories, newest first, as Core defines them.</summary>
    private List<string> Expected(Func<IQueryable<Article>, IQueryable<Article>> filter) => app.WithDb(db =>
        filter(db.Articles.AsNoTracking().Published())
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
            .Join(db.Sections, a => a.PrimarySectionId, s => s.Id, (a, s) => new { a.Id, Url = "/" + s.Path + "/" + a.Slug })
            .AsEnumerable().Select(a => a.Url).ToList());

    private string UrlOf(int id) => app.WithDb(db => db.Articles.Where(a => a.Id == id)
        .Join(db.Sections, a => a.PrimarySectionId, s => s.Id, (a, s) => "/" + s.Path + "/" + a.Slug).Single());

    private static List<string> Cards(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("main .card__headline a").Select(a => a.GetAttribute("href")!).ToList();

    private async Task<List<string>> AllPagesAsync(string path)
    {
        var first = await app.Reader().GetPageAsync(path);
        var second = await app.Reader().GetPageAsync(path + "?page=2");
        await app.Reader().GetPageAsync(path + "?page=3", 404);
        var both = Cards(first);
        Assert.Equal(PageSize, both.Count);
        both.AddRange(Cards(second));
        return both;
    }

    [Fact]
    public async Task ASectionsPages_ListItsPins_ThenEveryOtherPublishedStoryOfItAndItsSubSections_NewestFirst_EachOnce()
    {
        var (deskId, pinned) = await DeskAsync("s");
        var treeIds = app.WithDb(db => db.Sections.Where(s => s.Id == deskId || s.ParentId == deskId).Select(s => s.Id).ToList());
        var newest = Expected(q => q.InSections(treeIds));
        Assert.Equal(25, newest.Count);
        var pins = pinned.Select(UrlOf).ToList();

        Assert.Equal([.. pins, .. newest.Except(pins)], await AllPagesAsync("/desk-s"));
        Assert.DoesNotContain(Cards(await app.Reader().GetPageAsync("/desk-s")), u => u.Contains("unlisted-draft", StringComparison.Ordinal));
        // The sub-desk has no pins: its own stories, newest first.
        var subId = treeIds.Single(id => id != deskId);
        Assert.Equal(Expected(q => q.InSections([subId])), Cards(await app.Reader().GetPageAsync("/desk-s/sub")));
    }

    [Fact]
    public async Task ATagsAndAnAuthorsPages_ListTheirPublishedStories_NewestFirst_AcrossPages()
    {
        await DeskAsync("t");
        var tagId = app.WithDb(db => db.Tags.Single(t => t.Slug == "listed-t").Id);
        Assert.Equal(Expected(q => q.Where(a => a.Tags.Any(t => t.TagId == tagId))), await AllPagesAsync("/tag/listed-t"));

        var authorId = app.WithDb(db => db.Authors.Single(a => a.Slug == "lister-t").Id);
        Assert.Equal(Expected(q => q.Where(a => a.Bylines.Any(b => b.AuthorId == authorId))), await AllPagesAsync("/author/lister-t"));
        var author = await app.Reader().GetPageAsync("/author/lister-t");
        Assert.NotNull(author.QuerySelector("a[href='https://example.org/lister']"));
        // Cards carry every byline, in order.
        var card = author.QuerySelectorAll("main .card").First(c => c.QuerySelector(".card__headline a")!.TextContent.Contains("Listed story 24 t", StringComparison.Ordinal));
        Assert.Matches("Lister t.*Wren Ashdown", card.TextContent);
    }

    [Fact]
    public async Task TheHomePage_ShowsEachStoryOnce_AndEachSectionRowItsPinsThenItsNewest()
    {
        await DeskAsync("h");
        var home = await app.Reader().GetPageAsync("/");
        var all = Cards(home);
        Assert.Equal(all.Count, all.Distinct().Count());
        // The lead and the latest: the newest published stories (no home pins in this class), before any row.
        var top = home.QuerySelectorAll(".home-top .card__headline a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(Expected(q => q).Take(top.Count), top);
        var rows = home.QuerySelectorAll("section.section-row");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var path = row.QuerySelector("h2 a")!.GetAttribute("href")!.TrimStart('/');
            var treeIds = app.WithDb(db => db.Sections.Where(s => s.Path == path || s.Path.StartsWith(path + "/")).Select(s => s.Id).ToList());
            var cards = row.QuerySelectorAll(".card__headline a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.NotEmpty(cards);
            // The section's pins, then its newest stories, leaving out what the page has shown above this row.
            var shownAbove = all.Take(all.IndexOf(cards[0]));
            var pins = app.WithDb(db => db.Pins.Where(p => db.Sections.Any(s => s.Id == p.SectionId && s.Path == path)).OrderBy(p => p.Position).ThenBy(p => p.Id).Select(p => p.ArticleId).ToList());
            Assert.Equal(pins.Select(UrlOf).Concat(Expected(q => q.InSections(treeIds))).Distinct().Except(shownAbove).Take(cards.Count), cards);
        }
    }
}
