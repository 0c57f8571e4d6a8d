using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.PublicSite;

/// <summary>A credit says whether it names a person or an organisation, and the story's JSON-LD types it so.</summary>
public class CreditKindTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task EachCredit_IsAPersonOrAnOrganization_AsItsKindSays()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Credits of both kinds", standfirst = "A standfirst.", section = "news", bylines = new[] { "wren-ashdown" }, body = "Text.",
            credits = new object[]
            {
                new { role = "Pictures", name = "Ola Field", kind = "person" },
                new { role = "Archive", name = "Leeds Community Sound Archive", kind = "organisation" },
                new { role = "Illustration", name = "Birdsong Graphics" },
                new { role = "Interviews", author = "adaeze-okafor" },
                new { role = "Studio", author = "tomasz-wielgosz", kind = "organization" },
            },
        }, 201);
        var id = created["id"]!.GetValue<int>();
        Assert.Equal(["person", "organization", "organization", "person", "organization"],
            created["credits"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()));
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);

        var contributors = Contributors(await app.Reader().GetPageAsync("/news/credits-of-both-kinds"));
        Assert.Equal("Person", contributors["Ola Field"].Type);
        Assert.Null(contributors["Ola Field"].Url);
        Assert.Equal("Organization", contributors["Leeds Community Sound Archive"].Type);
        // No kind given: an unlinked name is presumed an organisation, an author a person.
        Assert.Equal("Organization", contributors["Birdsong Graphics"].Type);
        Assert.Equal("Person", contributors["Adaeze Okafor"].Type);
        Assert.EndsWith("/author/adaeze-okafor", contributors["Adaeze Okafor"].Url);
        Assert.Equal("Organization", contributors["Tomasz Wielgosz"].Type);
        Assert.EndsWith("/author/tomasz-wielgosz", contributors["Tomasz Wielgosz"].Url);
    }

    [Fact]
    public async Task ACreditSentAgainWithoutItsKind_KeepsIt_AndAnUnknownKindIsRefused()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var id = (await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Kinds kept", section = "news", body = "Text.",
            credits = new object[] { new { role = "Pictures", name = "Ola Field", kind = "person" } },
        }, 201))["id"]!.GetValue<int>();

        // An older client that knows nothing of kinds sends the list back, one credit added.
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var kept = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new
        {
            credits = new object[] { new { role = "Pictures", name = "Ola Field" }, new { role = "Archive", name = "Tannery Yard Archive" } },
        }, etag);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(["person", "organization"], (await kept.ReadNodeAsync())["credits"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()));

        etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var bad = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new
        {
            credits = new object[] { new { role = "Pictures", name = "Ola Field", kind = "robot" } },
        }, etag);
        Assert.Contains("organization", await ApiJson.FieldErrorAsync(bad, "credits[0].kind"));
        Assert.Equal([CreditKind.Person, CreditKind.Organization],
            app.WithDb(db => db.Articles.Where(a => a.Id == id).SelectMany(a => a.Credits).OrderBy(c => c.Position).Select(c => c.Kind).ToList()));
    }

    [Fact]
    public async Task TheEditorForm_SetsTheKind_AndOnAPublishedStoryTheChangeWaitsForReview()
    {
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var id = (await contributor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "A kind under review", standfirst = "Reviewed.", section = "news", bylines = new[] { "wren-ashdown" }, body = "Text.",
            credits = new object[] { new { role = "Pictures", name = "Kit Marsh" } },
        }, 201))["id"]!.GetValue<int>();
        await app.PublishAsync(id);
        Assert.Equal("Organization", Contributors(await app.Reader().GetPageAsync("/news/a-kind-under-review"))["Kit Marsh"].Type);

        // The contributor says Kit Marsh is a person: a pending change, shown in the review, live only once approved.
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var form = await editor.GetPageAsync($"/newsroom/stories/{id}");
        Assert.Equal("organization", form.QuerySelector("#f-credit-kind-0 option[selected]")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("label[for=f-credit-kind-0]"));
        var etag = (await contributor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var patch = await contributor.PatchJsonAsync($"/api/admin/articles/{id}", new
        {
            credits = new object[] { new { role = "Pictures", name = "Kit Marsh", kind = "person" } },
        }, etag);
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        var pending = await patch.ReadNodeAsync();
        Assert.Equal("organization", pending["credits"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("person", pending["pendingChanges"]!["story"]!["credits"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal("Organization", Contributors(await app.Reader().GetPageAsync("/news/a-kind-under-review"))["Kit Marsh"].Type);

        await contributor.PostJsonAsync($"/api/admin/articles/{id}/submit", new { }, 200);
        var review = await editor.GetPageAsync($"/newsroom/stories/{id}");
        Assert.Contains("Kit Marsh [person]", review.QuerySelector("#pending-diff")!.TextContent);
        var approver = await app.ClientAsAsync(Role.Editor);
        await approver.PostJsonAsync($"/api/admin/articles/{id}/approve", new { }, 200);
        Assert.Equal("Person", Contributors(await app.Reader().GetPageAsync("/news/a-kind-under-review"))["Kit Marsh"].Type);

        // And the form writes the kind back: organisation again, through the editor's own page.
        var saved = await editor.SubmitAsync($"/newsroom/stories/{id}", "#story-form", new() { ["Form.Credits[0].Kind"] = "organization" }, "action=save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(CreditKind.Organization, app.WithDb(db => db.Articles.Where(a => a.Id == id).SelectMany(a => a.Credits).Single().Kind));
    }

    private static Dictionary<string, (string Type, string? Url)> Contributors(IDocument doc)
    {
        var article = doc.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .Single(n => n.GetProperty("@type").GetString() == "NewsArticle");
        return article.GetProperty("contributor").EnumerateArray()
            .Select(role => role.GetProperty("contributor"))
            .ToDictionary(c => c.GetProperty("name").GetString()!,
                c => (c.GetProperty("@type").GetString()!, c.TryGetProperty("url", out var url) ? url.GetString() : null));
    }
}
