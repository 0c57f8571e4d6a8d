using Masthead.Core.Changes;
using Masthead.Tests.Support;
using Masthead.Web.Hosting;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Cluster;

/// <summary>
/// The caches in front are purged only once every live node has evicted the change. Purged sooner, Varnish would
/// refetch the page from a node that has not heard of the change yet and keep the old page (the cluster test caught
/// exactly that on a loaded machine). A node that stays behind holds the purge only briefly, and a silent one not at all.
/// The other node is a row in the shared table, as a real one writes it; the purge goes over HTTP to a loopback server.
/// </summary>
public sealed class PurgeAfterEveryNodeTests(PurgeAfterEveryNodeTests.Factory app) : IClassFixture<PurgeAfterEveryNodeTests.Factory>
{
    public sealed class Factory : MastheadAppFactory
    {
        public WebhookReceiver Cache { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Cache = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Masthead:Cache:PurgeUrls:0", Cache.Url);
        }

        protected override async ValueTask StopHelpersAsync() => await Cache.DisposeAsync();
    }

    [Fact]
    public async Task ThePurge_WaitsForANodeThatIsBehind_AndGoesOnceItHasEvicted()
    {
        var slow = await OtherNodeAsync(seenAgo: TimeSpan.Zero);
        var (changeId, tag) = await PublishAsync("Purged only once every node has it");

        await SendDueAsync();
        Assert.Equal(0, Rounds(changeId));
        Assert.DoesNotContain(app.Cache.Requests, r => Purged(r, tag));

        await app.WithDbAsync(db => db.ClusterNodes.Where(n => n.NodeId == slow)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.AppliedChangeId, changeId)));
        await PurgedOnceAsync(changeId);
        Assert.Contains(app.Cache.Requests, r => Purged(r, tag));
    }

    [Fact]
    public async Task ANodeStuckBehind_HoldsThePurgeOnlyForAShortWhile()
    {
        await OtherNodeAsync(seenAgo: TimeSpan.Zero);
        var (changeId, tag) = await PublishAsync("Purged although one node is stuck");
        await SendDueAsync();
        Assert.Equal(0, Rounds(changeId));

        app.Clock.Advance(ClusterNodeProgress.LongestWait + TimeSpan.FromSeconds(1));
        await PurgedOnceAsync(changeId);
        Assert.Contains(app.Cache.Requests, r => Purged(r, tag));
    }

    [Fact]
    public async Task ANodeThatHasGoneSilent_IsNotWaitedFor()
    {
        await OtherNodeAsync(seenAgo: ClusterNodeProgress.GoneAfter + TimeSpan.FromSeconds(1));
        var (changeId, tag) = await PublishAsync("Purged at once: the silent node is gone");
        await PurgedOnceAsync(changeId);
        Assert.Contains(app.Cache.Requests, r => Purged(r, tag));
    }

    [Fact]
    public async Task ThisNode_RecordsHowFarItHasFollowed()
    {
        var (changeId, _) = await PublishAsync("This node's own progress is recorded");
        var mine = app.Services.GetRequiredService<ClusterNodeProgress>().NodeId;
        // The node evicts before the change's request answers, and records that as it does.
        Assert.True(app.WithDb(db => db.ClusterNodes.Single(n => n.NodeId == mine).AppliedChangeId) >= changeId);
    }

    /// <summary>Another node, alive as of <paramref name="seenAgo"/>, that has evicted nothing after the newest change so far.</summary>
    private async Task<string> OtherNodeAsync(TimeSpan seenAgo)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            // Nodes from earlier tests in this class step aside: each test has one other node.
            await db.ClusterNodes.Where(n => n.Host == "other").ExecuteDeleteAsync();
            var applied = await db.ContentChanges.MaxAsync(c => (long?)c.Id) ?? 0;
            db.ClusterNodes.Add(new ClusterNode { NodeId = id, Host = "other", StartedAt = now - seenAgo, SeenAt = now - seenAgo, AppliedChangeId = applied });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private async Task<(long ChangeId, string Tag)> PublishAsync(string headline)
    {
        var story = await app.StoryAsync(headline);
        await app.PublishAsync(story.Id);
        var changeId = app.WithDb(db => db.ContentChanges.Max(c => c.Id));
        return (changeId, PublicCacheTags.Article(story.Id));
    }

    private Task SendDueAsync() => app.Services.GetRequiredService<CdnPurgeSender>().SendDueAsync(CancellationToken.None);

    /// <summary>
    /// Sends what is due until the change's first round is done. The node's own sender runs in the background too and
    /// may hold the change for a moment, so this asks again rather than expecting this very call to send it.
    /// </summary>
    private async Task PurgedOnceAsync(long changeId)
    {
        for (var attempt = 0; Rounds(changeId) == 0; attempt++)
        {
            Assert.True(attempt < 300, $"Change {changeId} was never purged.");
            await SendDueAsync();
            await Task.Delay(100);
        }
    }

    private int Rounds(long changeId) => app.WithDb(db => db.ContentChanges.Single(c => c.Id == changeId).PurgeRounds);

    private static bool Purged(WebhookReceiver.Received request, string tag) =>
        request.Headers.TryGetValue("xkey-purge", out var tags) && tags.Split(' ').Contains(tag);
}
