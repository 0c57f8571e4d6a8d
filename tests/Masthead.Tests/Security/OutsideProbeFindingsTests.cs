using System.Net;
using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Common;
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

    [Fact]
    public async Task ATagOnlyOnUnpublishedStories_HasNoPublicPage_UntilAStoryWithItIsPublished()
    {
        var story = await app.StoryAsync("An embargoed scoop", tags: ["Secret merger talks"]);
        var reader = app.Reader();
        var hidden = await reader.GetAsync("/tag/secret-merger-talks");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("Secret merger talks", await hidden.Content.ReadAsStringAsync());

        await app.PublishAsync(story.Id);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/tag/secret-merger-talks")).StatusCode);
    }

    [Fact]
    public async Task SlashBackslashAddresses_AreNotSitePaths_InHeroPicturesOrBodyLinks()
    {
        var hero = await app.UseAsync<SaveArticle, Result<Article>>(s => s.CreateAsync(new ArticleInput
        {
            Headline = "A hero from elsewhere", Section = "news", Bylines = ["wren-ashdown"],
            HeroImage = new HeroImageInput("/\\evil.example/picture.jpg", "A picture", null, "Someone", null, null),
        }, Editor.System, CancellationToken.None));
        Assert.Equal(Outcome.Invalid, hero.Outcome);
        Assert.Contains("heroImage.url", hero.Errors!.ToDictionary().Keys);

        var story = await app.StoryAsync("A link that leaves", body: "Read [the notes](/\\evil.example/notes) and [our guide](/about).");
        Assert.DoesNotContain("evil.example", story.BodyHtml);
        Assert.Contains("href=\"/about\"", story.BodyHtml);
    }
}
