using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;

namespace Masthead.Tests.Media;

/// <summary>Crops are cut around the focal point, checked by the colours of painted bands at their edges and middle.</summary>
public class FocalCropTests(MediaAppFactory app) : IClassFixture<MediaAppFactory>
{
    private static JsonNode Crop(JsonNode media, string aspect) =>
        media["crops"]!.AsArray().Single(c => c!["aspect"]!.GetValue<string>() == aspect)!;

    private async Task<JsonNode> MoveFocusAsync(HttpClient client, JsonNode media, double x, double y)
    {
        var response = await client.PatchJsonAsync($"/api/admin/media/{media["id"]}", new { focalPoint = new { x, y } }, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNodeAsync();
    }

    /// <summary>The colours of the largest crop near its start, middle and end (or at the given fractions), across or down.</summary>
    private async Task<List<string>> ColoursAcrossAsync(JsonNode crop, bool across, params double[] at)
    {
        var file = await app.Reader().GetFileAsync(crop["sizes"]!.AsArray()[^1]!["fallback"]!.GetValue<string>(), "image/png");
        if (at.Length == 0) at = [0.05, 0.5, 0.95];
        return at.Select(f => TestImages.Nearest(across ? TestImages.ColourAt(file, f, 0.5) : TestImages.ColourAt(file, 0.5, f))).ToList();
    }

    [Fact]
    public async Task SquareCrop_FollowsTheFocalPointAcross_AndStopsAtTheEdge()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        // 1600 × 900 in four upright bands of 400 px: red, green, blue, yellow. A square crop is 900 × 900.
        var media = await client.UploadAsync(TestImages.Encode(TestImages.Bands(1600, 900, true, TestImages.Red, TestImages.Green, TestImages.Blue, TestImages.Yellow), ".png"), "bands.png");

        var square = Crop(media, "1:1");
        Assert.Equal(900, square["sizes"]!.AsArray()[^1]!["width"]!.GetValue<int>());
        Assert.Equal(900, square["sizes"]!.AsArray()[^1]!["height"]!.GetValue<int>());
        // Focal point in the middle (x = 800): the crop spans 350–1250, a little of each band.
        Assert.Equal(["red", "green", "blue", "yellow"], await ColoursAcrossAsync(square, across: true, 0.02, 0.4, 0.6, 0.98));

        // On the green band (x = 600): the crop spans 150–1050.
        media = await MoveFocusAsync(client, media, 0.375, 0.5);
        Assert.Equal(["red", "green", "blue"], await ColoursAcrossAsync(Crop(media, "1:1"), across: true));

        // Near the right edge (x = 1400): it cannot centre there, so it stops at the edge and spans 700–1600.
        media = await MoveFocusAsync(client, media, 0.875, 0.5);
        Assert.Equal(["green", "blue", "yellow"], await ColoursAcrossAsync(Crop(media, "1:1"), across: true));
    }

    [Fact]
    public async Task CardCrop_FollowsTheFocalPointDown()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        // 900 × 1600 in four bands of 400 px from the top. A 16:9 crop is 900 × 506.
        var media = await client.UploadAsync(TestImages.Encode(TestImages.Bands(900, 1600, false, TestImages.Red, TestImages.Green, TestImages.Blue, TestImages.Yellow), ".png"), "tall.png");
        var card = Crop(media, "16:9");
        Assert.Equal(506, card["sizes"]!.AsArray()[^1]!["height"]!.GetValue<int>());

        // y = 160 is too near the top to centre on: the crop spans 0–506.
        media = await MoveFocusAsync(client, media, 0.5, 0.1);
        Assert.Equal(["red", "red", "green"], await ColoursAcrossAsync(Crop(media, "16:9"), across: false));

        // y = 1000: the crop spans 747–1253.
        media = await MoveFocusAsync(client, media, 0.5, 0.625);
        Assert.Equal(["green", "blue", "yellow"], await ColoursAcrossAsync(Crop(media, "16:9"), across: false));
    }

    [Fact]
    public async Task MovingTheFocalPoint_RetiresTheOldCropAddresses()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var media = await client.UploadAsync(TestImages.Jpeg(1200, 800), "retire.jpg");
        var old = Crop(media, "16:9")["url"]!.GetValue<string>();
        Assert.Contains("/16x9-500-500/", old);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(old)).StatusCode);

        media = await MoveFocusAsync(client, media, 0.25, 0.125);
        Assert.Equal(0.25, media["focalPoint"]!["x"]!.GetValue<double>());
        var moved = Crop(media, "16:9")["url"]!.GetValue<string>();
        Assert.Contains("/16x9-250-125/", moved);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync(moved)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Reader().GetAsync(old)).StatusCode);
        var key = old.Split('/')[2];
        Assert.False(Directory.Exists(Path.Combine(app.MediaDirectory, key, "16x9-500-500")));
    }

    [Fact]
    public async Task FocalPoint_OutsideThePicture_IsRefused()
    {
        var client = await app.ClientAsAsync(Role.Editor);
        var media = await client.UploadAsync(TestImages.Jpeg(400, 300), "edge.jpg");
        var response = await client.PatchJsonAsync($"/api/admin/media/{media["id"]}", new { focalPoint = new { x = 1.5 }, caption = "kept?" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadNodeAsync())["errors"]!;
        Assert.NotNull(errors["focalPoint.x"]);
        Assert.NotNull(errors["focalPoint.y"]);
        var unchanged = await (await client.GetAsync($"/api/admin/media/{media["id"]}")).ReadNodeAsync();
        Assert.Null(unchanged["caption"]);
        Assert.Equal(0.5, unchanged["focalPoint"]!["x"]!.GetValue<double>());
    }
}
