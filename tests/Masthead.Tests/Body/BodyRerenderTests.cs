using Masthead.Core.Body;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Body;

/// <summary>`masthead bodies rerender`: bodies stored under an older renderer get today's HTML, and nothing else moves.</summary>
public class BodyRerenderTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task AStaleBody_IsRenderedAfresh_WithoutANewVersionOrAWebhook()
    {
        var story = await app.StoryAsync("A story stored by an older release", body: "A paragraph with **bold** words.");
        await app.PublishAsync(story.Id);
        var path = app.WithDb(db => "/" + db.Articles.Where(a => a.Id == story.Id).Select(a => a.PrimarySection.Path + "/" + a.Slug).Single());
        // What an older sanitiser let through, stored as it was then.
        const string stale = "<p id=\"main\" class=\"site-header\">A paragraph with <strong>bold</strong> words.</p>";
        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == story.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, stale)));
        var (version, events) = app.WithDb(db => (db.Articles.Single(a => a.Id == story.Id).Version, db.WebhookEvents.Count()));

        var (articles, _) = await app.UseAsync<BodyRerender, (int, int)>(r => r.RunAsync(CancellationToken.None));

        Assert.True(articles >= 1);
        var fresh = app.Services.GetRequiredService<BodyRenderer>().Render("A paragraph with **bold** words.");
        Assert.Equal(fresh, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).BodyHtml));
        Assert.DoesNotContain("site-header", fresh);
        Assert.Equal(version, app.WithDb(db => db.Articles.Single(a => a.Id == story.Id).Version));
        Assert.Equal(events, app.WithDb(db => db.WebhookEvents.Count()));
        var page = await app.Reader().GetStringAsync(path);
        Assert.DoesNotContain("class=\"site-header\"", page);
        // A second run finds nothing left to do.
        Assert.Equal((0, 0), await app.UseAsync<BodyRerender, (int, int)>(r => r.RunAsync(CancellationToken.None)));
    }
}
