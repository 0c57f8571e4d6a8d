using Masthead.Core.Body;

namespace Masthead.Core.Tests.Body;

/// <summary>Which embeds are videos the page can play in place, and which video each one is.</summary>
public sealed class VideoAddressTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=qT7bRk2LmZa")]
    [InlineData("https://youtube.com/watch?feature=share&v=qT7bRk2LmZa&t=30")]
    [InlineData("https://m.youtube.com/watch?v=qT7bRk2LmZa")]
    [InlineData("https://youtu.be/qT7bRk2LmZa?si=abc")]
    [InlineData("https://www.youtube.com/shorts/qT7bRk2LmZa")]
    [InlineData("https://www.youtube.com/embed/qT7bRk2LmZa")]
    [InlineData("https://www.youtube.com/live/qT7bRk2LmZa")]
    public void YouTubeAddresses_NameTheirVideo(string address) =>
        Assert.Equal(new VideoAddress("youtube", "qT7bRk2LmZa"), VideoAddress.From(new Uri(address)));

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=short")]
    [InlineData("https://www.youtube.com/watch?v=qT7bRk2LmZa%22%3E")]
    [InlineData("https://www.youtube.com/@channel")]
    [InlineData("https://youtu.be/")]
    [InlineData("https://vimeo.com/123456789")]
    [InlineData("https://youtube.com.evil.example/watch?v=qT7bRk2LmZa")]
    [InlineData("https://bsky.app/profile/a.bsky.social/post/3abc")]
    public void OtherAddresses_AreNoPlayableVideo(string address) =>
        Assert.Null(VideoAddress.From(new Uri(address)));

    [Fact]
    public void ABody_ListsEachVideoOnce_InOrder_AndNothingElse()
    {
        const string body = """
            Text mentioning https://www.youtube.com/watch?v=NotAnEmbed0 in passing.

            :::embed https://youtu.be/Second00000
            :::

            :::embed https://www.youtube.com/watch?v=First000000
            :::

            :::embed https://www.youtube.com/shorts/Second00000
            :::

            :::embed https://bsky.app/profile/a.bsky.social/post/3abc
            :::
            """;
        Assert.Equal(["youtube:Second00000", "youtube:First000000"], VideoAddress.In(body).Select(v => v.Key));
        Assert.Empty(VideoAddress.In(null));
    }

    [Fact]
    public void TheCard_ShowsAStoredStill_OnlyForItsOwnVideo()
    {
        var renderer = new BodyRenderer();
        const string body = ":::embed https://www.youtube.com/watch?v=First000000\nA march.\n:::\n\n:::embed https://www.youtube.com/watch?v=Other000000\nAnother.\n:::";
        var html = renderer.Render(body, new Dictionary<string, EmbedPicture> { ["youtube:First000000"] = new("/media/abc/480.jpg", 480, 360) });
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "embed__poster"));
        Assert.Contains("<img class=\"embed__poster\" src=\"/media/abc/480.jpg\" alt=\"\" width=\"480\" height=\"360\"", html);
        // Without stills the body renders exactly as before.
        Assert.Equal(renderer.Render(body), renderer.Render(body, NoEmbedPictures.None));
        Assert.DoesNotContain("<img", renderer.Render(body));
    }
}
