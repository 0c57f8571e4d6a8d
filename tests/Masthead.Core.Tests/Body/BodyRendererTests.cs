using AngleSharp.Html.Parser;
using Masthead.Core.Body;

namespace Masthead.Core.Tests.Body;

public class BodyRendererTests
{
    private readonly BodyRenderer _renderer = new();
    private readonly HtmlParser _parser = new();

    private AngleSharp.Html.Dom.IHtmlDocument Render(string markdown) => _parser.ParseDocument(_renderer.Render(markdown));

    [Fact]
    public void Render_BlockquoteEndingInDashLine_BecomesFigureWithAttribution()
    {
        var doc = Render("> We kept the lights on.\n>\n> — Ada Bright, organiser\n");
        var figure = doc.QuerySelector("figure.quote")!;
        Assert.Equal("We kept the lights on.", figure.QuerySelector("blockquote")!.TextContent.Trim());
        Assert.Equal("— Ada Bright, organiser", figure.QuerySelector("figcaption")!.TextContent.Trim());
    }

    [Fact]
    public void Render_AttributionOnLastLineOfSameParagraph_IsStillSeparated()
    {
        var doc = Render("> First line of the quote\n> — Sam\n");
        Assert.Equal("First line of the quote", doc.QuerySelector("figure.quote blockquote")!.TextContent.Trim());
        Assert.Equal("— Sam", doc.QuerySelector("figure.quote figcaption")!.TextContent.Trim());
    }

    [Fact]
    public void Render_PlainBlockquote_StaysABlockquote()
    {
        var doc = Render("> Just a quote.\n");
        Assert.Null(doc.QuerySelector("figure"));
        Assert.Equal("Just a quote.", doc.QuerySelector("blockquote")!.TextContent.Trim());
    }

    [Fact]
    public void Render_PullQuote_IsAnAside()
    {
        var doc = Render(":::pullquote\nThe line everyone remembers.\n:::\n");
        Assert.Equal("The line everyone remembers.", doc.QuerySelector("aside.pullquote")!.TextContent.Trim());
    }

    [Fact]
    public void Render_Figure_HasImageCaptionAndCredit()
    {
        var doc = Render(":::figure\n![A crowded hall](/media/hall.jpg)\nThe hall at noon.\nCredit: Kit Varga\n:::\n");
        var figure = doc.QuerySelector("figure.figure")!;
        var img = figure.QuerySelector("img")!;
        Assert.Equal("/media/hall.jpg", img.GetAttribute("src"));
        Assert.Equal("A crowded hall", img.GetAttribute("alt"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("The hall at noon.", figure.QuerySelector("figcaption .caption")!.TextContent.Trim());
        Assert.Equal("Kit Varga", figure.QuerySelector("figcaption .credit")!.TextContent.Trim());
    }

    [Fact]
    public void Render_SocialEmbed_IsALinkCardWithTextAndNoThirdPartyResource()
    {
        var doc = Render(":::embed https://bsky.app/profile/someone.bsky.social/post/3abc\nWhat a night.\n— @someone.bsky.social\n:::\n");
        var card = doc.QuerySelector("figure.embed.embed--bluesky")!;
        Assert.Equal("What a night.", card.QuerySelector("blockquote.embed__text")!.TextContent.Trim());
        Assert.Equal("@someone.bsky.social", card.QuerySelector(".embed__author")!.TextContent.Trim());
        Assert.Equal("https://bsky.app/profile/someone.bsky.social/post/3abc", card.QuerySelector("a.embed__link")!.GetAttribute("href"));
        Assert.Empty(doc.QuerySelectorAll("iframe, script, img"));
    }

    [Fact]
    public void Render_VideoEmbed_LinksToTheVideo()
    {
        var doc = Render(":::embed https://www.youtube.com/watch?v=abc123\nThe trailer\n:::\n");
        var card = doc.QuerySelector("figure.embed.embed--video.embed--youtube")!;
        Assert.Contains("Watch on YouTube", card.TextContent);
        Assert.Empty(doc.QuerySelectorAll("iframe"));
    }

    [Fact]
    public void Render_EmbedWithoutUsableUrl_KeepsItsText()
    {
        var doc = Render(":::embed javascript:alert(1)\nKeep me.\n:::\n");
        Assert.Contains("Keep me.", doc.Body!.TextContent);
        Assert.DoesNotContain("javascript:", doc.Body.InnerHtml);
    }

    [Fact]
    public void Render_TopLevelHeading_IsDemotedSoThePageKeepsOneH1()
    {
        var doc = Render("# Big\n\n## Smaller\n");
        Assert.Empty(doc.QuerySelectorAll("h1"));
        Assert.Equal(2, doc.QuerySelectorAll("h2").Length);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>")]
    public void Render_HostileHtml_IsRemoved(string markdown)
    {
        var html = _renderer.Render(markdown);
        var doc = _parser.ParseDocument(html);
        Assert.Empty(doc.QuerySelectorAll("script, iframe, form, input, svg"));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(doc.All, element => Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"));
    }

    [Fact]
    public void Render_ExternalLinks_GetNoopener()
    {
        var doc = Render("[site](https://example.org/)");
        Assert.Contains("noopener", doc.QuerySelector("a")!.GetAttribute("rel"));
    }
}
