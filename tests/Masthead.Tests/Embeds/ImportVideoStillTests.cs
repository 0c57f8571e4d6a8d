using Masthead.Core.Body;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Embeds;

/// <summary>
/// An import asks for its videos' stills all at once (<see cref="IEmbedPictures.ForBodiesAsync"/>): each video once,
/// several at a time, and a site that cannot be reached is not asked again for the rest of them.
/// </summary>
public class ImportVideoStillTests(VideoStillAppFactory app) : IClassFixture<VideoStillAppFactory>
{
    [Fact]
    public async Task EveryVideoOfManyStories_IsAskedForOnce_AndThoseWithAStillHaveIt()
    {
        var videos = Enumerable.Range(0, 20).Select(n => $"Imp{n:D2}rtVids").ToList();
        foreach (var video in videos.Where((_, n) => n % 2 == 0)) app.Stills.Available[video] = 0;
        // Each video in two stories, as a re-used clip would be.
        var bodies = videos.Select((video, n) => VideoStillTests.Embed($"https://youtu.be/{video}") + "\n\n" + VideoStillTests.Embed($"https://youtu.be/{videos[(n + 1) % videos.Count]}"))
            .ToList();

        var stills = await app.Services.GetRequiredService<IEmbedPictures>().ForBodiesAsync(bodies, CancellationToken.None);

        Assert.All(videos, video => Assert.Equal(1, app.Stills.RequestsFor(video)));
        Assert.Equal(videos.Where((_, n) => n % 2 == 0).Select(v => $"youtube:{v}").Order(), stills.Keys.Order());
        var stored = app.WithDb(db => db.VideoThumbnails.Include(t => t.Media).Where(t => t.VideoId.StartsWith("Imp")).ToList());
        Assert.Equal(10, stored.Count);
        Assert.All(stored, t => Assert.Equal(MediaUrls.Default(MediaRef.From(t.Media!)), stills[$"youtube:{t.VideoId}"].Url));
    }
}

/// <summary>The test app's stills come from a loopback address the address guard refuses: a site that cannot be reached.</summary>
public class UnreachableVideoStillTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task ASiteThatCannotBeReached_IsAskedAFewTimesOnly_AndTheRestAreCountedInOneWarning()
    {
        var videos = Enumerable.Range(0, 30).Select(n => $"Unr{n:D2}eachab").ToList();
        var bodies = videos.Select(video => VideoStillTests.Embed($"https://www.youtube.com/watch?v={video}")).ToList();

        var stills = await app.Services.GetRequiredService<IEmbedPictures>().ForBodiesAsync(bodies, CancellationToken.None);

        Assert.Empty(stills);
        var asked = app.Warnings.Entries.Count(e => e.Message.Contains("could not be fetched") && videos.Any(v => e.Message.Contains(v)));
        // At most one for each fetch that was already under way when the first refusal came back.
        Assert.InRange(asked, 1, 8);
        var skipped = Assert.Single(app.Warnings.Entries, e => e.Message.Contains("more videos were not asked of 127.0.0.1"));
        Assert.Contains($"The stills of {videos.Count - asked} more videos", skipped.Message);
        Assert.Equal(0, app.WithDb(db => db.VideoThumbnails.Count(t => t.VideoId.StartsWith("Unr"))));
    }
}
