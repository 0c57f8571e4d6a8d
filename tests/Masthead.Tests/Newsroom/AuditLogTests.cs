using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/audit: who did what to what and when, newest first, by person and kind of thing, in pages.</summary>
public class AuditLogTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Editor_SeesNewestFirst_FiltersByPersonAndKind_AndPages()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Avery Audit");
        var (averyId, _) = app.NewestUser();
        await editor.SubmitAsync("/newsroom/sections/new", "#section-form", new() { ["Form.Name"] = "Audited Desk", ["Form.Parent"] = "news" });

        var page = await editor.GetPageAsync("/newsroom/audit");
        var first = page.QuerySelectorAll("tbody tr").First().QuerySelectorAll("td").Select(td => td.Text()).ToList();
        Assert.Equal("Avery Audit", first[1]);
        Assert.Equal("created a section", first[2]);
        Assert.Contains("Audited Desk (/news/audited-desk)", first[3]);
        Assert.NotNull(page.QuerySelector($"tbody tr a[href^='/newsroom/sections/']"));

        // The demo load alone is more than a page: 34 stories created by the system.
        Assert.NotNull(page.QuerySelector(".nr-pager a[href*='p=2']"));
        var older = await editor.GetPageAsync("/newsroom/audit?p=2");
        Assert.Contains("Page 2 of", older.QuerySelector(".nr-pager").Text());

        var mine = await editor.GetPageAsync($"/newsroom/audit?person={averyId}");
        var whos = mine.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].Text()).Distinct().ToList();
        Assert.Equal(["Avery Audit"], whos);
        Assert.Equal(["signed in", "created a section"], mine.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[2].Text()).Reverse());

        var system = await editor.GetPageAsync("/newsroom/audit?person=system&type=article");
        var rows = system.QuerySelectorAll("tbody tr");
        Assert.InRange(rows.Length, 1, Masthead.Web.Newsroom.Audit.AuditModel.PageSize);
        Assert.All(rows, r => Assert.Equal("Masthead", r.QuerySelectorAll("td")[1].Text()));
        Assert.All(rows, r => Assert.StartsWith("Story", r.QuerySelector(".nr-kind").Text()));
        Assert.Equal("article", system.QuerySelector("#type option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task NonsenseFilters_ShowNothing_InsteadOfFailing()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var page = await editor.GetPageAsync("/newsroom/audit?person=999999&type=spaceship&p=abc");
        Assert.Empty(page.QuerySelectorAll("tbody tr"));
        Assert.Equal("Nothing matches.", page.QuerySelector(".nr-empty").Text());
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/newsroom/audit?p=-5")).StatusCode);
    }

    [Theory]
    [InlineData(Role.Contributor)]
    [InlineData(Role.Author)]
    public async Task Writers_AreRefused(Role role)
    {
        var writer = await app.NewsroomAsAsync(role);
        Assert.StartsWith("/newsroom/forbidden", (await writer.Http.GetAsync("/newsroom/audit")).Headers.Location!.PathAndQuery);
        Assert.Null((await writer.GetPageAsync("/newsroom")).QuerySelector(".nr-nav a[href='/newsroom/audit']"));
    }
}
