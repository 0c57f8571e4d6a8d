using System.Net;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Newsroom;

/// <summary>/newsroom/authors: list, create and edit profiles, with link rows that need no script.</summary>
public class AuthorsPageTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task Editor_CreatesAndEditsAnAuthor_AndTheProfileShowsIt()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Edie Authors");
        var form = await editor.GetPageAsync("/newsroom/authors/new");
        Assert.Equal(2, form.QuerySelectorAll("input[name^='Form.Links']").Length); // spare rows to fill in

        var created = await editor.SubmitAsync("/newsroom/authors/new", "#author-form", new()
        {
            ["Form.Name"] = "Noor Haddad", ["Form.Slug"] = "", ["Form.Bio"] = "Noor covers housing and the people it fails.",
            ["Form.PhotoUrl"] = "/media/demo/noor.jpg", ["Form.Links[0]"] = "https://noor.example", ["Form.Links[1]"] = "https://social.example/@noor",
        });
        Assert.Equal("/newsroom/authors?done=created", created.Headers.Location!.OriginalString);
        var author = app.WithDb(db => db.Authors.Single(a => a.Slug == "noor-haddad"));
        Assert.Equal(["https://noor.example", "https://social.example/@noor"], author.Links);
        var profile = await app.Reader().GetPageAsync("/author/noor-haddad");
        Assert.Contains("Noor Haddad", profile.QuerySelector("h1").Text());

        // Editing shows the two links and two spare rows; emptying a row removes that link.
        var edit = await editor.GetPageAsync($"/newsroom/authors/{author.Id}");
        Assert.Equal(4, edit.QuerySelectorAll("input[name^='Form.Links']").Length);
        var saved = await editor.SubmitAsync($"/newsroom/authors/{author.Id}", "#author-form", new() { ["Form.Links[0]"] = "", ["Form.Bio"] = "Noor covers housing." });
        Assert.Equal("/newsroom/authors?done=saved", saved.Headers.Location!.OriginalString);
        author = app.WithDb(db => db.Authors.Single(a => a.Id == author.Id));
        Assert.Equal(["https://social.example/@noor"], author.Links);
        Assert.Equal("Noor covers housing.", author.Bio);
        Assert.Contains("Noor covers housing.", (await app.Reader().GetPageAsync("/author/noor-haddad")).QuerySelector("main").Text());

        var list = await editor.GetPageAsync("/newsroom/authors");
        Assert.NotNull(list.QuerySelector($"a[href='/newsroom/authors/{author.Id}']"));
        Assert.Equal(["created an author", "edited an author"],
            app.WithDb(db => db.AuditEvents.Where(e => e.UserName == "Edie Authors").OrderBy(e => e.Id).Select(e => e.Action).ToList()).Where(a => a.Contains("author")));
    }

    [Fact]
    public async Task BadPhotoAndLink_AreNamedNextToTheirFields_AndChangeNothing()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var id = app.WithDb(db => db.Authors.Single(a => a.Slug == "wren-ashdown").Id);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var response = await editor.SubmitAsync($"/newsroom/authors/{id}", "#author-form", new()
        {
            ["Form.PhotoUrl"] = "javascript:alert(1)", ["Form.Links[0]"] = "", ["Form.Links[1]"] = "not a web address",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("photo URL must be an http(s) URL", page.QuerySelector("#err-photoUrl").Text());
        Assert.Equal("true", page.QuerySelector("#f-photo")!.GetAttribute("aria-invalid"));
        // The error sits next to the second row, where the bad link was typed, even though the first row was empty.
        Assert.Contains("not a web address", page.QuerySelector("#err-links-1").Text());
        Assert.Equal("true", page.QuerySelector("#f-link-1")!.GetAttribute("aria-invalid"));
        Assert.Equal(2, page.QuerySelectorAll("#error-summary li").Length);

        var noName = await editor.SubmitAsync("/newsroom/authors/new", "#author-form", new() { ["Form.Name"] = "" });
        Assert.Contains("An author needs a name", (await Html.ParseAsync(noName)).QuerySelector("#err-name").Text());
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    [Fact]
    public async Task Author_IsRefused_AndAHandMadeFormChangesNothing()
    {
        var writer = await app.NewsroomAsAsync(Role.Author);
        Assert.StartsWith("/newsroom/forbidden", (await writer.Http.GetAsync("/newsroom/authors/new")).Headers.Location!.PathAndQuery);
        var before = await DbFingerprint.TakeAsync(app.Services);
        var id = app.WithDb(db => db.Authors.Single(a => a.Slug == "wren-ashdown").Id);
        var forged = await writer.PostWithTokenAsync($"/newsroom/authors/{id}", new() { ["Form.Name"] = "Renamed by an author" });
        Assert.StartsWith("/newsroom/forbidden", forged.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app.Services));
    }

    /// <summary>The author form as a browser sends it with a file chosen: multipart, every field of the form, and the photo.</summary>
    private static async Task<HttpResponseMessage> PostWithPhotoAsync(NewsroomClient editor, string page, byte[] photo, string fileName)
    {
        var form = (await editor.GetPageAsync(page)).QuerySelector("#author-form")!;
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in NewsroomClient.FieldsOf(form).Where(f => f.Key != "photo")) body.Add(new StringContent(value), name);
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "photo", fileName);
        return await editor.Http.PostAsync(page, body);
    }

    [Fact]
    public async Task APhotoUploadedOnTheProfile_GoesIntoTheLibrary_AndAFileThatIsNoPicture_ChangesNothing()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor, "Phoebe Photos");
        await app.UseAsync<Masthead.Core.Authors.SaveAuthor, Masthead.Core.Authors.Author>(async s => (await s.CreateAsync(
            new Masthead.Core.Authors.AuthorInput("Ilse Marrow", null, "Ilse writes about theatre.", "", []), Editor.System, CancellationToken.None)).Value!);
        var id = app.WithDb(db => db.Authors.Single(a => a.Slug == "ilse-marrow").Id);

        var refused = await PostWithPhotoAsync(editor, $"/newsroom/authors/{id}", "not a picture"u8.ToArray(), "ilse.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The photo was not uploaded", (await Html.ParseAsync(refused)).QuerySelector("#err-photoUrl")!.TextContent);
        Assert.Equal("", app.WithDb(db => db.Authors.Single(a => a.Id == id).PhotoUrl ?? ""));

        var saved = await PostWithPhotoAsync(editor, $"/newsroom/authors/{id}", Masthead.Tests.Media.TestImages.Jpeg(600, 600), "ilse.jpg");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var photoUrl = app.WithDb(db => db.Authors.Single(a => a.Id == id).PhotoUrl)!;
        Assert.Matches("^/media/[a-z0-9]{16}/[0-9]+\\.jpg$", photoUrl);
        Assert.Equal("Portrait of Ilse Marrow", app.WithDb(db => db.Media.OrderByDescending(m => m.Id).First().Alt));
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(photoUrl)).StatusCode);
    }
}
