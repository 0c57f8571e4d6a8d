using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Masthead.Tests.Media;

/// <summary>An operator who lets fetched pictures come from loopback (where the tests' picture site listens).</summary>
public sealed class LoopbackFetchApp : MastheadAppFactory
{
    protected override bool StartsFromFirstStartCopy => true; // fetching rules change nothing a first start writes

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Masthead:Media:FetchAllowedNetworks:0", "127.0.0.0/8");
    }
}

/// <summary>A picture pasted from another site is copied into the media library, never hot-linked; an internal address is never fetched.</summary>
public class RemotePictureTests(LoopbackFetchApp app) : IClassFixture<LoopbackFetchApp>
{
    public static async Task<HttpResponseMessage> FetchAsync(NewsroomClient client, string url)
    {
        var token = await client.CsrfTokenAsync("/newsroom/media");
        var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/media/fetch") { Content = ApiJson.Body(new { url }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task APictureFromAnotherSite_IsCopiedIntoTheLibrary_FollowingARedirect()
    {
        await using var site = await PictureSite.StartAsync(TestImages.Jpeg(900, 600));
        var writer = await app.NewsroomAsAsync(Role.Contributor);
        var before = app.WithDb(db => db.Media.Count());

        var response = await FetchAsync(writer, site.BaseUrl + "/moved.jpg");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(900, body["width"]!.GetValue<int>());
        Assert.StartsWith("/media/", body["url"]!.GetValue<string>());
        Assert.Equal(before + 1, app.WithDb(db => db.Media.Count()));
        Assert.Equal("march.jpg", app.WithDb(db => db.Media.OrderByDescending(m => m.Id).First().FileName));
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(body["url"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task WhatIsNotAPicture_OrNotThere_OrNotAnAddress_IsRefusedWithAReason_AndNothingIsStored()
    {
        await using var site = await PictureSite.StartAsync(TestImages.Jpeg(900, 600));
        var writer = await app.NewsroomAsAsync(Role.Contributor);
        var before = app.WithDb(db => db.Media.Count());

        var text = await FetchAsync(writer, site.BaseUrl + "/notes.txt");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        var missing = await FetchAsync(writer, site.BaseUrl + "/nowhere.jpg");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("answered 404", await missing.Content.ReadAsStringAsync());
        var notAnAddress = await FetchAsync(writer, "javascript:alert(1)");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnAddress.StatusCode);
        Assert.Equal(before, app.WithDb(db => db.Media.Count()));
    }

    [Fact]
    public async Task ARequestWithoutItsCsrfToken_OrWithoutJson_IsRefusedWithAStableCode()
    {
        var writer = await app.NewsroomAsAsync(Role.Contributor);
        app.ExpectLog("The required antiforgery"); // the refusal is logged by ASP.NET Core's antiforgery

        var noToken = await writer.Http.PostAsync("/newsroom/media/fetch", ApiJson.Body(new { url = "https://example.org/a.jpg" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal("csrf-token-missing-or-stale", JsonNode.Parse(await noToken.Content.ReadAsStringAsync())!["code"]?.GetValue<string>());

        var token = await writer.CsrfTokenAsync("/newsroom/media");
        var notJson = new HttpRequestMessage(HttpMethod.Post, "/newsroom/media/fetch") { Content = new StringContent("null", System.Text.Encoding.UTF8, "application/json") };
        notJson.Headers.Add("X-CSRF-TOKEN", token);
        var refused = await writer.Http.SendAsync(notJson);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("malformed-body", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]?.GetValue<string>());
    }
}

/// <summary>With the default settings the server reaches no internal address for a writer, however it is spelt.</summary>
public class RemotePictureSsrfTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task InternalAddresses_AreRefused_AndNothingIsFetched()
    {
        await using var site = await PictureSite.StartAsync(TestImages.Jpeg(900, 600));
        var port = new Uri(site.BaseUrl).Port;
        var writer = await app.NewsroomAsAsync(Role.Contributor);
        foreach (var url in new[] { $"{site.BaseUrl}/photos/march.jpg", $"http://localhost:{port}/photos/march.jpg", $"http://2130706433:{port}/photos/march.jpg",
                     "http://169.254.169.254/latest/meta-data/", $"http://[::1]:{port}/photos/march.jpg" })
        {
            var response = await RemotePictureTests.FetchAsync(writer, url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("internal address", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, app.WithDb(db => db.Media.Count(m => m.FileName == "march.jpg")));
    }
}
