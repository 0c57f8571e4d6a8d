using Masthead.Core.Accounts;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>The media library as an editor uses it: several pictures in one go, and the focal point set by clicking the picture.</summary>
public class MediaLibraryBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static byte[] Photo() => NetVips.Image.Black(800, 600, bands: 3).Linear(new double[] { 1, 1, 1 }, new double[] { 200, 90, 40 })
        .Cast(NetVips.Enums.BandFormat.Uchar).WriteToBuffer(".jpg");

    [Fact]
    public async Task SeveralPicturesUploadInOneGo_ThenAClickOnAPictureSetsItsFocalPoint()
    {
        var page = await app.SignedInAsync(Role.Editor, "Mo Media");
        var marker = Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync($"{app.BaseAddress}/newsroom/media");
        await page.SetInputFilesAsync("#file", new[]
        {
            new FilePayload { Name = $"march-{marker}-1.jpg", MimeType = "image/jpeg", Buffer = Photo() },
            new FilePayload { Name = $"march-{marker}-2.jpg", MimeType = "image/jpeg", Buffer = Photo() },
        });
        await page.FillAsync("#up-credit", "Photo: Tam Okello");
        await page.ClickAsync("#upload-form button[type=submit]");
        await page.WaitForURLAsync("**uploaded=2%20pictures");
        var ids = app.WithDb(db => db.Media.Where(m => m.FileName.Contains(marker)).OrderBy(m => m.Id).Select(m => m.Id).ToList());
        Assert.Equal(2, ids.Count);

        await page.GotoAsync($"{app.BaseAddress}/newsroom/media/{ids[1]}");
        var image = page.Locator("#focal-image");
        var box = (await image.BoundingBoxAsync())!;
        await image.ClickAsync(new() { Position = new() { X = box.Width * 0.25f, Y = box.Height * 0.75f } });
        Assert.Equal(0.25, double.Parse(await page.InputValueAsync("#fx"), System.Globalization.CultureInfo.InvariantCulture), 0.02);
        Assert.Equal(0.75, double.Parse(await page.InputValueAsync("#fy"), System.Globalization.CultureInfo.InvariantCulture), 0.02);
        Assert.True(await page.Locator("#focal-mark").IsVisibleAsync());

        await page.ClickAsync("#describe-form button[type=submit]");
        await page.WaitForURLAsync("**saved=true");
        var (x, y) = app.WithDb(db => db.Media.Where(m => m.Id == ids[1]).Select(m => new { m.FocalX, m.FocalY }).AsEnumerable().Select(m => (m.FocalX, m.FocalY)).Single());
        Assert.Equal(0.25, x, 0.02);
        Assert.Equal(0.75, y, 0.02);
    }
}
