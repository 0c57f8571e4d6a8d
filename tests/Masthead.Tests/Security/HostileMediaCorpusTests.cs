using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Masthead.Core.Accounts;
using Masthead.Tests.Media;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// Each hostile input as a picture's file name, alt text, caption and credit, uploaded through the admin API and the
/// newsroom's media library and changed again through the API; read back from the API, the library's pages and the
/// public page of a story that uses the picture.
/// </summary>
public class HostileMediaCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Inputs() => HostileCorpus.Inputs();

    /// <summary>
    /// A multipart upload with the file name written as a browser writes it: raw UTF-8, with only the quote and line
    /// breaks percent-encoded (HttpClient's own header would refuse some inputs before they ever left).
    /// </summary>
    private static MultipartFormDataContent Upload(byte[] file, string fileName, string alt, string caption, string credit, string? csrf = null)
    {
        var form = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var escaped = fileName.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{escaped}\"");
        form.Add(part);
        form.Add(new StringContent(alt), "alt");
        form.Add(new StringContent(caption), "caption");
        form.Add(new StringContent(credit), "credit");
        if (csrf is not null) form.Add(new StringContent(csrf), "__RequestVerificationToken");
        return form;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AHostileInput_InAPicturesWords_ComesOutOfTheLibraryAndTheStory_AsText(int number, string line)
    {
        var input = Unescape(line);
        var marker = $"mediacorpus{number}";
        var editor = await app.ClientAsAsync(Role.Editor);
        // A picture of its own for each input (a width of its own), so no upload is taken for another's duplicate.
        var picture = TestImages.Jpeg(600 + number, 400);

        var uploaded = await editor.PostAsync("/api/admin/media", Upload(picture, $"{marker} {input}.jpg", $"Alt {marker} {input}", $"Caption {input}", $"Credit {input}"));
        AssertNot500(uploaded, "API upload");
        var newsroom = await app.NewsroomAsAsync(Role.Editor);
        var token = await newsroom.CsrfTokenAsync("/newsroom/media");
        var fromPage = await newsroom.Http.PostAsync("/newsroom/media?handler=Upload",
            Upload(TestImages.Jpeg(600 + number, 401), $"{input}.jpg", $"Alt {input}", $"Caption {input}", $"Credit {input}", token));
        AssertNot500(fromPage, "newsroom upload");
        if (fromPage.StatusCode != HttpStatusCode.Redirect) AssertSafeHtml(await fromPage.Content.ReadAsStringAsync(), "newsroom upload refused");
        await GetSafePageAsync(newsroom.Http, "/newsroom/media");
        await GetSafePageAsync(newsroom.Http, "/newsroom/media?q=" + Uri.EscapeDataString(input));

        if (uploaded.StatusCode != HttpStatusCode.Created)
        {
            AssertRefusedAsAProblem(uploaded, "API upload");
            return;
        }
        var id = (await uploaded.ReadNodeAsync())["id"]!.GetValue<int>();
        var changed = await editor.PatchJsonAsync($"/api/admin/media/{id}", new { alt = input, caption = $"{input} again", credit = input }, null);
        AssertNot500(changed, "API change");
        AssertSafeJson(await GetOkAsync(editor, $"/api/admin/media/{id}"), "media API").Dispose();
        AssertSafeJson(await GetOkAsync(editor, "/api/admin/media?q=" + Uri.EscapeDataString(marker)), "media API search").Dispose();
        await GetSafePageAsync(newsroom.Http, $"/newsroom/media/{id}");

        // A story that uses the picture as its top picture, on the public page and through the Content API.
        var story = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new { headline = $"Picture {marker}", standfirst = "A picture of words.", body = "A picture.", section = "news", bylines = new[] { "wren-ashdown" }, heroImage = new { mediaId = id } }));
        AssertNot500(story, "story with the picture");
        if (story.StatusCode != HttpStatusCode.Created)
        {
            AssertRefusedAsAProblem(story, "story with the picture");
            return;
        }
        var storyId = (await story.ReadNodeAsync())["id"]!.GetValue<int>();
        var published = await editor.PostAsync($"/api/admin/articles/{storyId}/publish", ApiJson.Body(new { }));
        Assert.True(published.StatusCode == HttpStatusCode.OK, $"publish: {await published.Content.ReadAsStringAsync()}");
        var reader = app.Reader();
        await GetSafePageAsync(reader, (await published.ReadNodeAsync())["url"]!.GetValue<string>());
        AssertSafeFeed(await GetOkAsync(reader, "/feed.xml"), "/feed.xml");
        var content = await app.ContentClientAsync();
        AssertSafeJson(await GetOkAsync(content, $"/api/content/v1/articles/{storyId}"), "Content API").Dispose();
    }
}
