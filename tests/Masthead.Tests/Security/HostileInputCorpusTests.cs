using System.Net;
using System.Xml.Linq;
using Masthead.Core.Accounts;
using Masthead.Tests.Support;
using static Masthead.Tests.Security.HostileCorpus;

namespace Masthead.Tests.Security;

/// <summary>
/// Every hostile input in Security/Corpus/hostile-inputs.txt goes into every text field of a story, its tag, a section
/// and an author, through the admin API; the story is published, and every surface that shows it is read back: the
/// article page (and its JSON-LD), home, section, tag and author pages, the RSS and Atom feeds, the sitemap, the
/// Content API and the newsroom's edit page. Nothing executable may come out, every document must still parse, and no
/// request may end in a 500. Runs on both databases. (Media, pages, settings, webhooks and email: the other
/// Hostile…CorpusTests.)
/// </summary>
public class HostileInputCorpusTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    public static IEnumerable<object[]> Inputs() => HostileCorpus.Inputs();

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AHostileInput_InEveryField_ComesOutOfEverySurface_AsText(int number, string line)
    {
        var input = Unescape(line);
        var editor = await app.ClientAsAsync(Role.Editor);
        var story = await PublishCarryingStoryAsync(editor, $"corpus{number}", input);
        if (story is null) return;

        var reader = app.Reader();
        foreach (var path in new[] { story.Url, "/", "/" + story.SectionPath, "/author/" + story.AuthorSlug, "/tag/" + story.TagSlug })
            await GetSafePageAsync(reader, path);
        foreach (var feed in new[] { "/feed.xml", "/feed.atom", $"/{story.SectionPath}/feed.xml", $"/tag/{story.TagSlug}/feed.atom" })
            AssertSafeFeed(await GetOkAsync(reader, feed), feed);
        XDocument.Parse(await GetOkAsync(reader, "/sitemap.xml"));

        var content = await app.ContentClientAsync();
        var fromApi = await content.GetAsync($"/api/content/v1/articles/{story.Id}");
        Assert.Equal(HttpStatusCode.OK, fromApi.StatusCode);
        AssertSafeJson(await fromApi.Content.ReadAsStringAsync(), "Content API").Dispose();

        var newsroom = await app.NewsroomAsAsync(Role.Editor);
        await GetSafePageAsync(newsroom.Http, $"/newsroom/stories/{story.Id}");
    }
}
