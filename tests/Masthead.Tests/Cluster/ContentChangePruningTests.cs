using Masthead.Core.Changes;
using Masthead.Tests.Support;
using Masthead.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Cluster;

/// <summary>The record of content changes does not grow for ever: a week's worth is kept, older rows go.</summary>
public sealed class ContentChangePruningTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task ChangesOlderThanAWeek_ArePruned_RecentOnesKept()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (old, recent) = app.WithDb(db =>
        {
            var o = new ContentChangeRecord { At = now - ContentChangeFollower.Kept - TimeSpan.FromMinutes(1), Everything = true };
            var r = new ContentChangeRecord { At = now - ContentChangeFollower.Kept + TimeSpan.FromHours(1), Everything = true };
            db.ContentChanges.AddRange(o, r);
            db.SaveChanges();
            return (o.Id, r.Id);
        });

        // The node's own follower prunes in the background too (once as it starts, then hourly), and may have taken the
        // old row first: either way it is gone after this call, and the recent one stays.
        await app.Services.GetRequiredService<ContentChangeFollower>().PruneAsync(CancellationToken.None);

        Assert.False(app.WithDb(db => db.ContentChanges.Any(c => c.Id == old)));
        Assert.True(app.WithDb(db => db.ContentChanges.Any(c => c.Id == recent)));
        // Nothing the demo and its first changes recorded today is touched.
        Assert.True(app.WithDb(db => db.ContentChanges.Count(c => c.At > now - TimeSpan.FromDays(1))) > 0);
    }
}
