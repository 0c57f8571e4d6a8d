using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Media;

/// <summary>The whole RFC 9457 body of a refusal: what API clients and the newsroom's script read, field by field.</summary>
internal static class ProblemBody
{
    public const string NotFoundType = "https://tools.ietf.org/html/rfc9110#section-15.5.5";
    public const string ForbiddenType = "https://tools.ietf.org/html/rfc9110#section-15.5.4";
    public const string ConflictType = "https://tools.ietf.org/html/rfc9110#section-15.5.10";
    public const string TooLargeType = "https://tools.ietf.org/html/rfc9110#section-15.5.14";
    public const string UnsupportedType = "https://tools.ietf.org/html/rfc9110#section-15.5.16";
    public const string UnprocessableType = "https://tools.ietf.org/html/rfc4918#section-11.2";

    public static async Task AssertAsync(HttpResponseMessage response, int status, string type, string title, string detail, string? code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(type, problem["type"]!.GetValue<string>());
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(code, problem["code"]?.GetValue<string>());
        var expected = new[] { "type", "title", "status", "detail", "code", "traceId" };
        Assert.All(problem.Select(p => p.Key), key => Assert.Contains(key, expected));
    }
}

/// <summary>The admin API's refusals of pictures, body and all, and the newsroom's words for the same refusals.</summary>
public class MediaProblemBodyTests(MediaAppFactory app) : IClassFixture<MediaAppFactory>
{
    [Fact]
    public async Task AMissingPicture_IsNotFound_WithItsCode_WhetherRead_Changed_OrDeleted()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        const string detail = "There is no picture with id 987654 in the media library.";
        await ProblemBody.AssertAsync(await editor.GetAsync("/api/admin/media/987654"), 404, ProblemBody.NotFoundType, "Not found", detail, "not-found");
        await ProblemBody.AssertAsync(await editor.PatchJsonAsync("/api/admin/media/987654", new { alt = "Words" }, null),
            404, ProblemBody.NotFoundType, "Not found", detail, "not-found");
        await ProblemBody.AssertAsync(await editor.DeleteAsync("/api/admin/media/987654"), 404, ProblemBody.NotFoundType, "Not found", detail, "not-found");
    }

    [Fact]
    public async Task SomeoneElsesPicture_IsForbidden_WithItsCode_ToChangeOrDelete()
    {
        var uploader = await app.ClientAsAsync(Role.Editor);
        var id = (await uploader.UploadAsync(TestImages.Jpeg(400, 300), "not-yours.jpg"))["id"]!.GetValue<int>();
        var contributor = await app.ClientAsAsync(Role.Contributor);
        const string detail = "Only editors and admins may change or delete pictures someone else uploaded.";
        await ProblemBody.AssertAsync(await contributor.PatchJsonAsync($"/api/admin/media/{id}", new { alt = "Mine now" }, null),
            403, ProblemBody.ForbiddenType, "Forbidden", detail, "forbidden");
        await ProblemBody.AssertAsync(await contributor.DeleteAsync($"/api/admin/media/{id}"), 403, ProblemBody.ForbiddenType, "Forbidden", detail, "forbidden");
    }

    [Fact]
    public async Task ABadFocalPoint_IsAValidationProblem_WithoutACode()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var id = (await editor.UploadAsync(TestImages.Jpeg(400, 300), "focal.jpg"))["id"]!.GetValue<int>();
        var response = await editor.PatchJsonAsync($"/api/admin/media/{id}", new { focalPoint = new { x = 2, y = 0.5 } }, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadNodeAsync();
        Assert.Equal("The request has invalid fields", problem["title"]!.GetValue<string>());
        Assert.Null(problem["code"]);
        Assert.StartsWith("Give a number from 0 to 1", problem["errors"]!["focalPoint.x"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task APictureInUse_IsAConflict_NamingWhereItIsUsed()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var media = await editor.UploadAsync(TestImages.Jpeg(400, 300), "portrait.jpg");
        var id = media["id"]!.GetValue<int>();
        await editor.PostJsonAsync("/api/admin/authors", new { name = "Pia Portrait", slug = "pia-portrait", photoUrl = media["url"]!.GetValue<string>() }, 201);
        await ProblemBody.AssertAsync(await editor.DeleteAsync($"/api/admin/media/{id}"), 409, ProblemBody.ConflictType, "The picture is in use",
            $"Picture {id} cannot be deleted while it is used: photo of author Pia Portrait. Replace it there first.", "media-in-use");
    }

    [Fact]
    public async Task AnUploadWhoseBodyIsOverTheLimit_IsTooLarge_BeforeItIsRead()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var form = MediaRequests.Form(new byte[400 * 1024], "big.jpg");
        var length = form.Headers.ContentLength!.Value;
        await ProblemBody.AssertAsync(await editor.PostAsync("/api/admin/media", form), 413, ProblemBody.TooLargeType, "The file is too large",
            $"The upload is {Math.Ceiling(length / 1024.0):0} KB; the limit for one picture is 300 KB.", "file-too-large");
    }

    [Fact]
    public async Task RefusedFiles_CarryTheirTitles()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var text = await editor.PostAsync("/api/admin/media", MediaRequests.Form("just words"u8.ToArray(), "words.jpg"));
        var problem = await text.ReadNodeAsync();
        Assert.Equal(ProblemBody.UnsupportedType, problem["type"]!.GetValue<string>());
        Assert.Equal("The file is not a picture the library takes", problem["title"]!.GetValue<string>());

        await ProblemBody.AssertAsync(await editor.PostAsync("/api/admin/media", MediaRequests.Form(TestImages.Jpeg(150, 400), "thin.jpg")),
            422, ProblemBody.UnprocessableType, "The picture is too small",
            "\"thin.jpg\" is 150 pixels wide; pictures must be at least 200 pixels wide to look sharp on a phone.", "too-narrow");
    }

    [Fact]
    public async Task TheNewsroomLibrary_SaysTheTitleAndTheDetail_AndItsPictureEditor_AnswersMissingAndForbidden()
    {
        var editor = await app.NewsroomAsAsync(Role.Editor);
        var token = await editor.CsrfTokenAsync("/newsroom/media");
        var form = MediaRequests.Form(TestImages.Jpeg(150, 400), "narrow.jpg");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var refused = await editor.Http.PostAsync("/newsroom/media?handler=Upload", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("narrow.jpg: The picture is too small: \"narrow.jpg\" is 150 pixels wide; pictures must be at least 200 pixels wide to look sharp on a phone.",
            (await Html.ParseAsync(refused)).QuerySelector("#upload-error")!.TextContent);

        var missing = await editor.Http.PostAsync("/newsroom/media/987654?handler=Delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var id = (await (await app.ClientAsAsync(Role.Editor)).UploadAsync(TestImages.Jpeg(400, 300), "theirs.jpg"))["id"]!.GetValue<int>();
        var contributor = await app.NewsroomAsAsync(Role.Contributor);
        var contributorToken = await contributor.CsrfTokenAsync($"/newsroom/media/{id}");
        var forbidden = await contributor.Http.PostAsync($"/newsroom/media/{id}?handler=Delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = contributorToken }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.True(app.WithDb(db => db.Media.Any(m => m.Id == id)));
    }
}

/// <summary>Loopback fetching with a small limit, so a fetched picture can be too large.</summary>
public sealed class SmallLoopbackFetchApp : MastheadAppFactory
{
    protected override bool LoadDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:FetchAllowedNetworks:0", "127.0.0.0/8");
        builder.UseSetting("Masthead:Media:MaxUploadBytes", MediaAppFactory.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The story editor's fetch of a pasted picture is refused with the same kind of body as an upload.</summary>
public class RemotePictureProblemBodyTests(SmallLoopbackFetchApp app) : IClassFixture<SmallLoopbackFetchApp>
{
    [Fact]
    public async Task NotAnAddress_NotThere_AndTooLarge_EachHaveTheirCodeAndTitle()
    {
        var big = TestImages.NoisyJpeg(800, 600);
        Assert.True(big.Length > MediaAppFactory.MaxUploadBytes, $"the test file is only {big.Length} bytes");
        await using var site = await PictureSite.StartAsync(big);
        var writer = await app.NewsroomAsAsync(Role.Contributor);

        await ProblemBody.AssertAsync(await RemotePictureTests.FetchAsync(writer, "ftp://example.org/a.jpg"), 422, ProblemBody.UnprocessableType,
            "Not a picture address", "Give the picture's full address, starting with https://.", "not-a-picture-address");
        await ProblemBody.AssertAsync(await RemotePictureTests.FetchAsync(writer, site.BaseUrl + "/nowhere.jpg"), 422, ProblemBody.UnprocessableType,
            "The picture could not be fetched", "127.0.0.1 answered 404 Not Found.", "fetch-failed");
        await ProblemBody.AssertAsync(await RemotePictureTests.FetchAsync(writer, site.BaseUrl + "/photos/march.jpg"), 413, ProblemBody.TooLargeType,
            "The file is too large", $"\"march.jpg\" is {Math.Ceiling(big.Length / 1024.0):0} KB; the limit is 300 KB.", "file-too-large");
    }
}
