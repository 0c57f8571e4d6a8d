using Masthead.Tests.Media;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Import;

/// <summary>--media: pictures found in a copy of wp-content/uploads go through the media pipeline; the rest stay external and are listed.</summary>
public class MediaImportTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private string Uploads()
    {
        var folder = Path.Combine(app.DataDirectory, $"uploads-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "2022", "04"));
        File.WriteAllBytes(Path.Combine(folder, "2022", "04", "ferry-deck.jpg"), TestImages.Jpeg(800, 500));
        File.WriteAllBytes(Path.Combine(folder, "2022", "04", "slip-north.jpg"), TestImages.Jpeg(640, 480));
        return folder;
    }

    [Fact]
    public async Task FailedImport_TakesItsPicturesBackOut()
    {
        var mediaBefore = app.WithDb(db => db.Media.Count());
        var file = app.Variant("wordpress-small.xml", ("<wp:post_name><![CDATA[regatta-week-preview]]></wp:post_name>", "<wp:post_name><![CDATA[sunday-ferry-returns]]></wp:post_name>"));
        var report = await app.ImportWordPressAsync(file, media: Uploads());
        Assert.True(report.Failed);
        Assert.Equal(mediaBefore, app.WithDb(db => db.Media.Count()));
    }

    [Fact]
    public async Task PicturesInTheFolder_GoToTheLibrary_OthersAreListed()
    {
        var mediaBefore = app.WithDb(db => db.Media.Count());
        var folder = Uploads();
        var report = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"), media: folder);
        Assert.False(report.Failed, report.ToString());
        Assert.Equal(2, report.MediaImported);
        Assert.Equal(mediaBefore + 2, app.WithDb(db => db.Media.Count()));

        var ferry = app.WithDb(db => db.Articles.AsNoTracking().Single(a => a.Slug == "sunday-ferry-returns"));
        var hero = app.WithDb(db => db.Media.AsNoTracking().Single(m => m.Id == ferry.HeroImage!.MediaId));
        Assert.Equal("ferry-deck.jpg", hero.FileName);
        Assert.Equal(800, ferry.HeroImage!.Width);
        Assert.Equal("Cars queue on the deck of a small ferry at dawn", ferry.HeroImage.Alt);
        Assert.Contains($"(/media/{hero.StorageKey}/", ferry.BodyMarkdown);
        Assert.DoesNotContain("wp-content/uploads/2022/04/ferry-deck.jpg", ferry.BodyMarkdown);
        Assert.DoesNotContain("https://lantern.example/wp-content/uploads/2022/04/slip-north.jpg", report.ExternalImages);
        Assert.Contains("https://lantern.example/wp-content/uploads/2022/04/slip-south.jpg", report.ExternalImages);

        // A re-run reuses the stored pictures rather than adding them again.
        var again = await app.ImportWordPressAsync(ImportTestSupport.Fixture("wordpress-small.xml"), media: folder);
        Assert.False(again.Failed, again.ToString());
        Assert.Equal(mediaBefore + 2, app.WithDb(db => db.Media.Count()));
        Assert.Equal(6, again.Unchanged("articles"));
    }
}
