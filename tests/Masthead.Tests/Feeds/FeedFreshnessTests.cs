using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Publication;
using Masthead.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Feeds;

/// <summary>With the output cache on, feeds and sitemaps follow publishing, withdrawal and the feed setting on the very next request.</summary>
public class FeedFreshnessTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Base = "https://quire.example";

    private static readonly string[] Documents =
    [
        "/feed.xml", "/feed.atom", "/news/feed.xml", "/author/wren-ashdown/feed.atom", "/tag/community/feed.xml",
        "/sitemaps/articles-1.xml", "/sitemaps/news.xml",
    ];

    [Fact]
    public async Task PublishedStory_AppearsEverywhere_AndVanishesOnTheNextRequestAfterUnpublish()
    {
        var reader = app.Reader();
        foreach (var document in Documents) await reader.GetAsync(document); // fill the output cache

        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Feed freshness check on the ferry timetable",
            standfirst = "A story that comes and goes.",
            section = "news",
            bylines = new[] { "wren-ashdown" },
            tags = new[] { "Community" },
            body = "The ferry runs again.",
        }, 201);
        var id = (int)created["id"]!;
        await editor.PostJsonAsync($"/api/admin/articles/{id}/publish", new { }, 200);
        var url = Base + "/news/feed-freshness-check-on-the-ferry-timetable";
        foreach (var document in Documents)
            Assert.True((await reader.GetStringAsync(document)).Contains(url, StringComparison.Ordinal), $"{document} does not list the new story");

        await editor.PostJsonAsync($"/api/admin/articles/{id}/unpublish", new { }, 200);
        foreach (var document in Documents)
            Assert.False((await reader.GetStringAsync(document)).Contains(url, StringComparison.Ordinal), $"{document} still lists the withdrawn story");
    }

    [Fact]
    public async Task ExcerptSetting_SendsTheStandfirstOnly_AndFullTextComesBack()
    {
        var reader = app.Reader();
        var fullRss = await FeedParser.ParseCleanAsync(await reader.GetByteArrayAsync("/feed.xml"));
        Assert.All(Entries(fullRss), e => Assert.NotEmpty(e["content"]!.AsArray()));
        try
        {
            await SetFeedContentAsync(FeedContent.Excerpt);
            foreach (var url in new[] { "/feed.xml", "/feed.atom" })
            {
                var bytes = await reader.GetByteArrayAsync(url);
                var feed = await FeedParser.ParseCleanAsync(bytes);
                Assert.All(Entries(feed), e => Assert.Empty(e["content"]!.AsArray()));
                var lead = Entries(feed).Single(e => ((string?)e["link"])!.EndsWith("/the-helpline-tapes-that-became-the-film-of-the-festival", StringComparison.Ordinal));
                Assert.StartsWith("“We were never the footnote", (string?)lead["summary"]);
                Assert.DoesNotContain("Forty hours of cassette", System.Text.Encoding.UTF8.GetString(bytes));
                var problems = url.EndsWith(".atom", StringComparison.Ordinal) ? FeedRules.CheckAtom(bytes, Base + url) : FeedRules.CheckRss(bytes, Base + url);
                Assert.True(problems.Count == 0, string.Join("\n", problems));
            }
        }
        finally
        {
            await SetFeedContentAsync(FeedContent.FullText);
        }
        Assert.Contains("Forty hours of cassette", await reader.GetStringAsync("/feed.atom"));
    }

    [Fact]
    public async Task SettingsCommand_RefusesAnUnknownValueAndChangesNothing()
    {
        var (code, _, errors) = await app.RunCliAsync("settings", "--feed-content", "everything");
        Assert.Equal(2, code);
        Assert.Contains("full-text or excerpt", errors);
        Assert.Equal(FeedContent.FullText, app.WithDb(db => db.Publication.Single().FeedContent));
    }

    /// <summary>Changes the setting the way an operator does, with `masthead settings`, then tells the running app.</summary>
    private async Task SetFeedContentAsync(FeedContent value)
    {
        var name = value == FeedContent.FullText ? "full-text" : "excerpt";
        var (code, output, errors) = await app.RunCliAsync("settings", "--feed-content", name);
        Assert.True(code == 0, $"masthead settings failed ({code}): {errors}");
        Assert.Contains($"feed content: {name}", output);
        // The command runs in its own process; the server learns of it on its next content change or restart.
        await app.UseAsync<IContentChangeNotifier, bool>(async n => { await n.ContentChangedAsync(CancellationToken.None); return true; });
    }

    private static IEnumerable<JsonNode> Entries(JsonNode feed) => feed["entries"]!.AsArray().Select(e => e!);
}
