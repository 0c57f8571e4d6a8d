using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Media;

/// <summary>Anyone in the newsroom may upload; only the uploader, editors and admins may change or delete; nothing in use is deleted.</summary>
public class MediaPermissionTests(MediaAppFactory app) : IClassFixture<MediaAppFactory>
{
    private async Task<HttpClient> FreshClientAsync(Role role)
    {
        var client = app.Reader();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.NewTokenAsync(role));
        return client;
    }

    [Theory]
    [InlineData(Role.Contributor, false)]
    [InlineData(Role.Author, false)]
    [InlineData(Role.Editor, true)]
    [InlineData(Role.Admin, true)]
    public async Task ChangingSomeoneElsesPicture_NeedsEditor(Role role, bool allowed)
    {
        var uploader = await FreshClientAsync(Role.Contributor);
        var media = await uploader.UploadAsync(TestImages.Jpeg(400, 300), $"by-contributor-{role}.jpg");
        var id = media["id"]!.GetValue<int>();

        // The uploader may always describe their own picture.
        Assert.Equal(HttpStatusCode.OK, (await uploader.PatchJsonAsync($"/api/admin/media/{id}", new { alt = "Own words" }, null)).StatusCode);

        var other = await FreshClientAsync(role);
        var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        var edit = await other.PatchJsonAsync($"/api/admin/media/{id}", new { alt = "Someone else's words", focalPoint = new { x = 0.2, y = 0.8 } }, null);
        Assert.Equal(expected, edit.StatusCode);
        var now = await (await other.GetAsync($"/api/admin/media/{id}")).ReadNodeAsync();
        Assert.Equal(allowed ? "Someone else's words" : "Own words", now["alt"]!.GetValue<string>());

        var delete = await other.DeleteAsync($"/api/admin/media/{id}");
        Assert.Equal(allowed ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.NotFound : HttpStatusCode.OK, (await other.GetAsync($"/api/admin/media/{id}")).StatusCode);
    }

    [Theory]
    [InlineData(Role.Contributor)]
    [InlineData(Role.Author)]
    [InlineData(Role.Editor)]
    [InlineData(Role.Admin)]
    public async Task EveryRole_MayUpload_AndDeleteTheirOwnUnusedPicture(Role role)
    {
        var client = await FreshClientAsync(role);
        var media = await client.UploadAsync(TestImages.Jpeg(400, 300), $"{role}.jpg");
        var key = media["url"]!.GetValue<string>().Split('/')[2];
        Assert.True(Directory.Exists(Path.Combine(app.MediaDirectory, key)));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/admin/media/{media["id"]}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.MediaDirectory, key)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(media["url"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task HeroPicture_TakesItsDescriptionFromTheLibrary_AndCannotBeDeleted()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await EnsureDeskAsync(editor);
        var media = await editor.UploadAsync(TestImages.Jpeg(1600, 900), "mayor.jpg", alt: "The mayor at the lectern", caption: "The mayor speaks.", credit: "Kit Varga");
        var mediaId = media["id"]!.GetValue<int>();

        var article = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Mayor opens the library",
            section = "desk",
            bylines = new[] { "desk-writer" },
            heroImage = new { mediaId, caption = "" },
        }, 201);
        var hero = article["heroImage"]!;
        Assert.Equal(mediaId, hero["mediaId"]!.GetValue<int>());
        Assert.Equal("The mayor at the lectern", hero["alt"]!.GetValue<string>());
        Assert.Null(hero["caption"]);
        Assert.Equal("Kit Varga", hero["credit"]!.GetValue<string>());
        Assert.Equal(1600, hero["width"]!.GetValue<int>());
        Assert.Equal(900, hero["height"]!.GetValue<int>());
        Assert.Equal(media["url"]!.GetValue<string>(), hero["url"]!.GetValue<string>());

        var delete = await editor.DeleteAsync($"/api/admin/media/{mediaId}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        var problem = await delete.ReadNodeAsync();
        Assert.Equal("media-in-use", problem["code"]!.GetValue<string>());
        Assert.Contains("Mayor opens the library", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/api/admin/media/{mediaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(media["url"]!.GetValue<string>())).StatusCode);

        // Swapping the hero for an external image frees the picture.
        var id = article["id"]!.GetValue<int>();
        var etag = (await editor.GetAsync($"/api/admin/articles/{id}")).Headers.ETag!.ToString();
        var swap = await editor.PatchJsonAsync($"/api/admin/articles/{id}", new { heroImage = new { url = "https://images.example.org/mayor.jpg", alt = "The mayor" } }, etag);
        Assert.Equal(HttpStatusCode.OK, swap.StatusCode);
        Assert.Null((await swap.ReadNodeAsync())["heroImage"]!["mediaId"]);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/admin/media/{mediaId}")).StatusCode);
    }

    [Fact]
    public async Task HeroAddress_CopiedFromTheLibrary_MeansThatPicture_AndBlankFieldsTakeItsDescription()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await EnsureDeskAsync(editor);
        var media = await editor.UploadAsync(TestImages.Jpeg(1600, 900), "pier.jpg", alt: "The pier at dusk", caption: "The pier reopens.", credit: "Kit Varga");
        var mediaId = media["id"]!.GetValue<int>();
        var key = media["url"]!.GetValue<string>().Split('/')[2];

        // Any published size or crop of the picture names it: the newsroom's form sends the address and empty fields.
        foreach (var address in new[] { $"/media/{key}/640.webp", $"/media/{key}/16x9-500-500/960.jpg" })
        {
            var article = await editor.PostJsonAsync("/api/admin/articles", new
            {
                headline = $"Pier reopens {Guid.NewGuid():N}", section = "desk", bylines = new[] { "desk-writer" },
                heroImage = new { url = address, alt = "", caption = "", credit = " " },
            }, 201);
            var hero = article["heroImage"]!;
            Assert.Equal(mediaId, hero["mediaId"]!.GetValue<int>());
            Assert.Equal(media["url"]!.GetValue<string>(), hero["url"]!.GetValue<string>());
            Assert.Equal("The pier at dusk", hero["alt"]!.GetValue<string>());
            Assert.Equal("Kit Varga", hero["credit"]!.GetValue<string>());
            Assert.Equal(1600, hero["width"]!.GetValue<int>());
        }

        // An address that only looks like the library's stays a plain address.
        var other = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Pier, elsewhere", section = "desk", bylines = new[] { "desk-writer" },
            heroImage = new { url = "/media/zzzzzzzzzzzzzzzz/640.jpg", alt = "A pier" },
        }, 201);
        Assert.Null(other["heroImage"]!["mediaId"]);
        Assert.Equal("/media/zzzzzzzzzzzzzzzz/640.jpg", other["heroImage"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeroPicture_ThatDoesNotExist_IsNamed()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await EnsureDeskAsync(editor);
        var response = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "Nothing to show",
            section = "desk",
            bylines = new[] { "desk-writer" },
            heroImage = new { mediaId = 987654 },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("987654", (await response.ReadNodeAsync())["errors"]!["heroImage.mediaId"]![0]!.GetValue<string>());
    }

    private static async Task EnsureDeskAsync(HttpClient editor)
    {
        var sections = JsonNode.Parse(await editor.GetStringAsync("/api/admin/sections"))!.AsArray();
        if (sections.Any(s => s!["path"]!.GetValue<string>() == "desk")) return;
        await editor.PostJsonAsync("/api/admin/sections", new { name = "Desk", slug = "desk" }, 201);
        await editor.PostJsonAsync("/api/admin/authors", new { name = "Desk Writer", slug = "desk-writer" }, 201);
    }
}
