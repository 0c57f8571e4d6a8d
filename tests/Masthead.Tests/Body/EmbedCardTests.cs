using System.Net;
using AngleSharp.Html.Parser;
using Masthead.Core.Accounts;
using Masthead.Core.Body;
using Masthead.Tests.Support;

namespace Masthead.Tests.Body;

/// <summary>Embed cards: the post's author, date and text with no third-party resource, and addresses of unknown services refused on save.</summary>
public class EmbedCardTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static readonly BodyRenderer Renderer = new();

    [Fact]
    public void ACard_ShowsTheAuthorTheDateAndTheText_AndLoadsNothingFromThePlatform()
    {
        var html = Renderer.Render(":::embed https://bsky.app/profile/someone.bsky.social/post/3lcx7qk2vbn2s\nThe march reached the square.\n— @someone.bsky.social · 2026-11-20\n:::\n");
        var card = new HtmlParser().ParseDocument(html).QuerySelector("figure.embed.embed--bluesky")!;
        Assert.Equal("@someone.bsky.social", card.QuerySelector(".embed__author")!.TextContent.Trim());
        var time = card.QuerySelector("time.embed__date")!;
        Assert.Equal("2026-11-20", time.GetAttribute("datetime"));
        Assert.Equal("20 November 2026", time.TextContent);
        Assert.Equal("The march reached the square.", card.QuerySelector(".embed__text")!.TextContent.Trim());
        // Only a link: no script, frame, picture or style from the platform until the reader follows it.
        Assert.Empty(card.QuerySelectorAll("script, iframe, img, link, object, embed, video"));
        Assert.Equal("View on Bluesky", card.QuerySelector("a.embed__link")!.TextContent);
    }

    [Fact]
    public void ASourceWithoutADate_StaysAsItWas() =>
        Assert.DoesNotContain("<time", Renderer.Render(":::embed https://x.com/a/status/1\nText\n— @a · not a date\n:::\n"));

    [Theory]
    [InlineData("https://x.com/someone/status/1860412938475610112")]
    [InlineData("https://twitter.com/someone/status/1")]
    [InlineData("https://bsky.app/profile/a.bsky.social/post/3abc")]
    [InlineData("https://mastodon.social/@lorraine/113208455617203942")]
    [InlineData("https://www.instagram.com/p/DBq4sLmTk9e/")]
    [InlineData("https://www.tiktok.com/@dj/video/7432918650213847302")]
    [InlineData("https://www.youtube.com/watch?v=qT7bRk2LmZa")]
    [InlineData("https://youtu.be/qT7bRk2LmZa")]
    public void KnownServices_AreAccepted(string address) =>
        Assert.Null(PromoBlock.BodyProblem($"Text.\n\n:::embed {address}\n:::\n"));

    [Theory]
    [InlineData("https://example.org/minutes", "is not a post or video of a service Masthead knows")]
    [InlineData("https://x.com.evil.example/status/1", "is not a post or video of a service Masthead knows")]
    [InlineData("javascript:alert(1)", "is not a web address")]
    [InlineData("", "is not a web address")]
    public void OtherAddresses_AreRefused_WithAReason(string address, string reason) =>
        Assert.Contains(reason, PromoBlock.BodyProblem($":::embed {address}\nText\n:::\n"));

    [Fact]
    public async Task TheAdminApi_RefusesAnEmbedOfAnUnknownService_NamingTheField()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "A story with an unknown embed", section = "news", body = "Text.\n\n:::embed https://tracker.example/post/1\n:::\n",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X/Twitter, Bluesky, Mastodon", await ApiJson.FieldErrorAsync(response, "body"));
    }
}
