using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Media;
using Masthead.Tests.Media;
using Masthead.Tests.Support;
using Masthead.Web.Media;

namespace Masthead.Tests.Articles;

/// <summary>Alt text typed for a library picture that has none goes back to the library, but never from unreviewed writing.</summary>
public class LibraryAltTextTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private Task<MediaItem> UndescribedPictureAsync() =>
        app.UseAsync<UploadMedia, MediaItem>(async u => (await u.UploadAsync(new MediaUpload(TestImages.Jpeg(800, 500), $"bridge-{Guid.NewGuid():N}.jpg"),
            Editor.System, variantsNow: false, CancellationToken.None)).Value!);

    private Task<Result> SaveWithHeroAsync(Editor editor, int mediaId, string alt) =>
        app.UseAsync<SaveArticle, Result>(async s =>
        {
            var created = await s.CreateAsync(new ArticleInput
            {
                Headline = $"A story with a described picture {Guid.NewGuid():N}", Section = "news", Bylines = ["wren-ashdown"],
                HeroImage = new HeroImageInput(null, alt, null, null, null, null, mediaId),
            }, editor, CancellationToken.None);
            return new Result(created.Value is not null);
        });

    private sealed record Result(bool Saved);

    private string AltOf(int id) => app.WithDb(db => db.Media.Single(m => m.Id == id).Alt);

    [Fact]
    public async Task SomeoneWhoMayPublish_DescribesAnUndescribedLibraryPicture_ByDescribingItInAStory()
    {
        var picture = await UndescribedPictureAsync();
        Assert.Equal("", AltOf(picture.Id));
        Assert.True((await SaveWithHeroAsync(new Editor(0, Role.Editor, "wren-ashdown", "Eda Editor"), picture.Id, "Marchers crossing the old bridge at dusk.")).Saved);
        Assert.Equal("Marchers crossing the old bridge at dusk.", AltOf(picture.Id));

        // A picture already described keeps its own words.
        Assert.True((await SaveWithHeroAsync(Editor.System, picture.Id, "Different words for the same picture.")).Saved);
        Assert.Equal("Marchers crossing the old bridge at dusk.", AltOf(picture.Id));
    }

    [Fact]
    public async Task AContributorsAltText_StaysInTheirStory()
    {
        await app.NewUserAsync(Role.Contributor, "Cori Contributor");
        var contributor = app.EditorFor(app.NewestUser().Id);
        var picture = await UndescribedPictureAsync();
        Assert.True((await SaveWithHeroAsync(contributor, picture.Id, "Unreviewed words about the picture.")).Saved);
        Assert.Equal("", AltOf(picture.Id));
    }
}
