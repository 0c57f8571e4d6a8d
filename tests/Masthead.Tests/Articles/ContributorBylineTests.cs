using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Articles;

/// <summary>A contributor signs as themselves; other names on their story are an editor's to add.</summary>
public class ContributorBylineTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task AContributor_MayNotPutSomeoneElsesName_ButKeepsWhomeverAnEditorAdded()
    {
        var own = "wren-ashdown"; // test users write as her
        var others = app.WithDb(db => db.Authors.Where(a => a.Slug != own).OrderBy(a => a.Id).Select(a => a.Slug).Take(2).ToList());
        var (colleague, stranger) = (others[0], others[1]);
        var contributor = await app.ClientAsAsync(Role.Contributor);
        var editor = await app.ClientAsAsync(Role.Editor);

        var borrowed = await contributor.PostAsync("/api/admin/articles",
            ApiJson.Body(new { headline = "Signed with a borrowed name", section = "news", bylines = new[] { colleague } }));
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        Assert.StartsWith("Contributors may put only their own name", (await borrowed.ReadNodeAsync())["errors"]!["bylines[0]"]![0]!.GetValue<string>());

        var created = await contributor.PostJsonAsync("/api/admin/articles", new { headline = "Signed by its writer", section = "news" }, 201);
        var id = created["id"]!.GetValue<int>();
        Assert.Equal([own], created["bylines"]!.AsArray().Select(b => b!["slug"]!.GetValue<string>()));

        // An editor adds a colleague; the contributor may keep them, reorder, but not add a third name.
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { bylines = new[] { own, colleague } }, etag)).StatusCode);
        etag = (await contributor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var kept = await contributor.PatchJsonAsync($"/api/admin/articles/{id}", new { bylines = new[] { colleague, own } }, etag);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        etag = kept.Headers.ETag!.ToString();
        var added = await contributor.PatchJsonAsync($"/api/admin/articles/{id}", new { bylines = new[] { colleague, own, stranger } }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.NotNull((await added.ReadNodeAsync())["errors"]!["bylines[2]"]);

        // An author (a staff writer) is trusted with bylines, as before.
        var author = await app.ClientAsAsync(Role.Author);
        await author.PostJsonAsync("/api/admin/articles", new { headline = "Co-signed by a staff writer", section = "news", bylines = new[] { own, stranger } }, 201);
    }
}
