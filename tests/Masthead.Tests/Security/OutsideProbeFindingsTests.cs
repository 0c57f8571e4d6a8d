using System.Net;
using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.Security;

/// <summary>Findings of the outside probe, each reproduced: they failed before their fix.</summary>
public class OutsideProbeFindingsTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    [Fact]
    public async Task PlainTextInAnRssDescription_ReachesReadersAsText_NotAsMarkup()
    {
        var story = await app.StoryAsync("A standfirst with angle brackets");
        await app.UseAsync<SaveArticle, Article>(async s => (await s.UpdateAsync(story.Id,
            new ArticleInput { Standfirst = "Before <img src=x onerror=alert(1)> after & more" }, null, Editor.System, CancellationToken.None)).Value!);
        await app.PublishAsync(story.Id);

        var xml = XDocument.Parse(await app.Reader().GetStringAsync("/feed.xml"));
        var item = xml.Descendants("item").Single(i => (string?)i.Element("title") == "A standfirst with angle brackets");
        // The element's text is HTML to a feed reader: markup typed by a writer must arrive escaped in it.
        var description = (string)item.Element("description")!;
        Assert.DoesNotContain("<img", description);
        Assert.Equal("Before &lt;img src=x onerror=alert(1)&gt; after &amp; more", description);
    }

    [Theory]
    [InlineData("/newsroom%09x")]
    [InlineData("/newsroom%0d%0aSet-Cookie:%20x=1")]
    public async Task SignIn_WithAControlCharacterInTheReturnAddress_GoesToTheNewsroom_NotA500(string returnUrl)
    {
        var email = await app.NewUserAsync(Role.Editor);
        var visitor = app.Visitor();
        var response = await visitor.SubmitAsync($"/newsroom/sign-in?ReturnUrl={returnUrl}", "form.nr-form",
            new() { ["Email"] = email, ["Password"] = MastheadAppFactory.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/newsroom", response.Headers.Location!.OriginalString);
    }
}
