using System.Net;
using AngleSharp.Html.Parser;
using Masthead.Core.Accounts;
using Masthead.Core.Body;
using Masthead.Core.Search;
using Masthead.Tests.Support;

namespace Masthead.Tests.Body;

/// <summary>The <c>:::promo</c> block: rendered as a labelled aside, kept safe, left out of a story's words, and refused with a bad link.</summary>
public class PromoBlockTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static readonly BodyRenderer Renderer = new();

    private const string Promo = """
        Before the promo.

        :::promo /shop/winter-issue
        ![The winter issue's cover](/media/abc/960.jpg)
        Buy the *winter* print issue
        Forty-eight pages you won't find online.
        Free postage this week.
        :::

        After the promo.
        """;

    [Fact]
    public void APromo_IsAnAsideNamedAndLabelledAsPromotion_WithItsTitleAsTheLink()
    {
        var html = Renderer.Render(Promo);
        var doc = new HtmlParser().ParseDocument(html);
        var aside = doc.QuerySelector("aside.promo")!;
        Assert.Equal("Promotion: Buy the winter print issue", aside.GetAttribute("aria-label"));
        Assert.Equal("Promotion", aside.QuerySelector(".promo__label")!.TextContent);
        var link = aside.QuerySelector(".promo__title a.promo__link")!;
        Assert.Equal("/shop/winter-issue", link.GetAttribute("href"));
        Assert.Equal("Buy the winter print issue", link.TextContent);
        Assert.Equal("/media/abc/960.jpg", aside.QuerySelector(".promo__picture img")!.GetAttribute("src"));
        Assert.Equal("The winter issue's cover", aside.QuerySelector(".promo__picture img")!.GetAttribute("alt"));
        Assert.Contains("Forty-eight pages", aside.QuerySelector(".promo__text")!.TextContent);

        // The story's words (search, snippets, descriptions) leave the advertising out.
        var words = PlainText.FromHtml(html);
        Assert.Equal("Before the promo. After the promo.", words);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("http://plain.example/")]
    [InlineData("vbscript:x")]
    [InlineData("")]
    public void AnUnsafeLink_IsRefusedBeforeSaving_AndNeverRendered(string link)
    {
        var body = $":::promo {link}\nClick me\n:::\n";
        Assert.NotNull(PromoBlock.BodyProblem(body));
        var html = Renderer.Render(body);
        Assert.Null(new HtmlParser().ParseDocument(html).QuerySelector("aside.promo a"));
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/subscribe")]
    [InlineData("https://shop.example.org/issue?id=12")]
    public void SitePathsAndHttpsLinks_AreAccepted(string link) =>
        Assert.Null(PromoBlock.BodyProblem($":::promo {link}\nSubscribe\n:::\n"));

    [Fact]
    public void AHostileTitleOrPicture_StaysText()
    {
        var html = Renderer.Render("::: promo /x\n![a\" onerror=\"alert(1)](javascript:alert(1))\n<img src=x onerror=alert(1)> \"quoted\" title\n<script>alert(1)</script>\n:::\n");
        Assert.DoesNotContain("onerror=", html.Replace("onerror=alert(1)&gt;", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(PromoBlock.BodyProblem("::: promo /x\n![a](javascript:alert(1))\nTitle\n:::\n"));
    }

    [Fact]
    public async Task TheAdminApi_RefusesABodyWithAnUnsafePromo_NamingTheField()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var response = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "A story with a bad promo", section = "news", body = "Text.\n\n:::promo javascript:alert(1)\nGive now\n:::\n",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("neither a site path", await ApiJson.FieldErrorAsync(response, "body"));
    }
}
