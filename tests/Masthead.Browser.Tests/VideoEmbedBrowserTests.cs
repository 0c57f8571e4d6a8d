using Masthead.Core.Accounts;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// A YouTube card under the site's real Content-Security-Policy: the page asks nothing of any other site until the
/// reader presses "Play video", then the no-cookie player takes the still's place. Accessible and valid before and after.
/// </summary>
public class VideoEmbedBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Video = "Br0ws3rV1dA";
    private const string Player = "https://www.youtube-nocookie.com/";

    private async Task<string> PublishedVideoStoryAsync()
    {
        app.Stills.Available[Video] = 0;
        var story = await app.StoryAsync("A video played in place", body:
            $"Before the video.\n\n:::embed https://www.youtube.com/watch?v={Video}\nThe march crosses the old bridge.\n— @quirevideo · 2026-11-20\n:::\n\nAfter it.");
        await app.PublishAsync(story.Id);
        return $"/culture/film-tv/{story.Slug}";
    }

    /// <summary>The tests have no internet: the player's address answers from here, so its request is seen and its frame loads.</summary>
    private static Task StandInPlayerAsync(IBrowserContext context) =>
        context.RouteAsync(Player + "**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html", Body = "<!doctype html><html lang=\"en\"><title>Player</title><p>A stand-in player.</p></html>",
        }));

    [Fact]
    public async Task NothingLeavesTheSite_UntilTheReaderPresses_ThenThePlayerTakesTheStillsPlace()
    {
        var path = await PublishedVideoStoryAsync();
        await using var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await StandInPlayerAsync(context);
        var requests = new List<string>();
        context.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + path, new() { WaitUntil = WaitUntilState.NetworkIdle });

        var card = page.Locator("figure.embed--youtube");
        await Assertions.Expect(card.Locator("img.embed__poster")).ToBeVisibleAsync();
        Assert.True(await card.Locator("img.embed__poster").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the stored still loads");
        var play = card.GetByRole(AriaRole.Button, new() { Name = "Play video" });
        await Assertions.Expect(play).ToBeVisibleAsync();
        string[] before;
        lock (requests) before = [.. requests];
        Assert.Contains(before, url => url.Contains("/assets/video-embed.js", StringComparison.Ordinal));
        Assert.All(before, url => Assert.StartsWith(app.BaseAddress + "/", url));
        Assert.Equal(0, await page.Locator("iframe").CountAsync());

        var playerRequest = page.WaitForRequestAsync(request => request.Url.StartsWith(Player, StringComparison.Ordinal));
        await play.ClickAsync();
        var frame = card.Locator("iframe.embed__frame");
        await Assertions.Expect(frame).ToHaveAttributeAsync("src", $"{Player}embed/{Video}?autoplay=1");
        await Assertions.Expect(frame).ToHaveAttributeAsync("title", "YouTube video: The march crosses the old bridge.");
        Assert.StartsWith($"{Player}embed/{Video}", (await playerRequest).Url);
        await Assertions.Expect(frame).ToBeFocusedAsync();
        Assert.Equal(0, await card.Locator("img.embed__poster, button.embed__play").CountAsync());
        // The policy let the frame load: its document is the stand-in's.
        var player = page.Frames.Single(f => f.Url.StartsWith(Player, StringComparison.Ordinal));
        Assert.Equal("Player", await player.TitleAsync());
        // The document the script leaves behind is still valid HTML (checked here, where no axe has been injected into it).
        await NuValidator.AssertValidAsync(await page.ContentAsync(), "the page with the player");
    }

    [Fact]
    public async Task TheCard_HasNoAxeViolations_BeforeOrAfterThePress_AndThePageIsServedAsValidHtml()
    {
        var path = await PublishedVideoStoryAsync();
        using var http = new HttpClient();
        await NuValidator.AssertValidAsync(await http.GetStringAsync(app.BaseAddress + path), "the story with a video card, as served");

        foreach (var width in new[] { 390, 1280 })
        {
            // axe is injected, so this page's context bypasses the policy; the test above runs under it.
            await using var context = await app.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, BypassCSP = true });
            await StandInPlayerAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.BaseAddress + path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Axe.AssertNoViolationsAsync(page, $"a video card at {width}px");
            await page.GetByRole(AriaRole.Button, new() { Name = "Play video" }).ClickAsync();
            await Assertions.Expect(page.Locator("iframe.embed__frame")).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(page, $"a playing video at {width}px");
        }
    }

    [Fact]
    public async Task WithoutScript_TheCardIsALinkToTheVideo()
    {
        var path = await PublishedVideoStoryAsync();
        await using var context = await app.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + path);
        var card = page.Locator("figure.embed--youtube");
        Assert.Equal(0, await card.Locator("button").CountAsync());
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "Watch on YouTube" }))
            .ToHaveAttributeAsync("href", $"https://www.youtube.com/watch?v={Video}");
    }
}
