using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;

namespace Masthead.Tests.ContentApi;

/// <summary>
/// Nothing that is not public reaches the Content API: a draft, a story in review, a scheduled one and a withdrawn one,
/// each carrying a distinctive word in its headline, body, tag and review comment, are looked for in every answer of
/// every endpoint, with every include, and found in none; asked for by id or slug they are 404s like ids that never were.
/// </summary>
public class ContentApiSecrecyTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Api = "/api/content/v1";
    private const string Word = "Quillfeatherbrook";

    [Fact]
    public async Task PrivateStories_AppearInNoContentApiResponse()
    {
        await app.NewUserAsync(Role.Author); // an account whose email must not leak
        var hidden = new List<Article>();
        async Task<Article> Seed(string state) => await app.StoryAsync($"{Word} {state} headline", tags: [$"{Word} {state}"],
            body: $"The {Word} body of a {state} story.\n\nA second paragraph.");

        hidden.Add(await Seed("draft"));
        var inReview = await Seed("review");
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.SubmitForReviewAsync(inReview.Id, null, Editor.System, CancellationToken.None)).Value!);
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.RequestChangesAsync(inReview.Id, $"Please rethink the {Word} angle.", null, Editor.System, CancellationToken.None)).Value!);
        hidden.Add(inReview);
        var scheduled = await Seed("scheduled");
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.ScheduleAsync(scheduled.Id, app.Clock.GetUtcNow().UtcDateTime.AddDays(3), null, Editor.System, CancellationToken.None)).Value!);
        hidden.Add(scheduled);
        var withdrawn = await Seed("withdrawn");
        await app.PublishAsync(withdrawn.Id);
        var client = await app.ContentClientAsync();
        Assert.Contains(Word, await client.GetStringAsync($"{Api}/articles/{withdrawn.Id}")); // the probe can see a word when it is public
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.UnpublishAsync(withdrawn.Id, null, Editor.System, CancellationToken.None)).Value!);
        hidden.Add(withdrawn);

        var urls = new List<string>
        {
            $"{Api}/sections", $"{Api}/authors", $"{Api}/tags", $"{Api}/pages",
            $"{Api}/articles?tag={Word.ToLowerInvariant()}-draft", $"{Api}/tags/{Word.ToLowerInvariant()}-draft",
        };
        foreach (var sort in new[] { "-publishedAt", "publishedAt", "-updatedAt", "updatedAt" })
            urls.Add($"{Api}/articles?limit=100&include=section,authors,tags,credits,notes&sort={sort}");
        urls.Add($"{Api}/articles?section=culture/film-tv&limit=100&include=tags");
        foreach (var story in hidden)
        {
            urls.Add($"{Api}/articles/{story.Id}?include=section,authors,tags,credits,notes");
            urls.Add($"{Api}/articles/slug/{story.Slug}");
        }

        var checkedBodies = 0;
        foreach (var url in urls)
        {
            // Every page of every list, following the cursors.
            for (var next = url; next is not null;)
            {
                var response = await client.GetAsync(next);
                var body = await response.Content.ReadAsStringAsync();
                // A 404 may repeat the slug it was asked for; that is the request's own text, not something found.
                if (response.StatusCode == HttpStatusCode.NotFound) body = body.Replace(next.Split('?')[0].Split('/')[^1], "", StringComparison.Ordinal);
                Assert.DoesNotContain(Word, body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("bodyMarkdown", body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("@test.example", body, StringComparison.OrdinalIgnoreCase); // no account's email address
                Assert.DoesNotContain("masthead.local", body, StringComparison.OrdinalIgnoreCase);
                checkedBodies++;
                next = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body)!["pagination"]?["next"]?.GetValue<string>() : null;
                if (next is null && url.Contains($"/articles/{hidden[0].Id}", StringComparison.Ordinal)) Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
        Assert.True(checkedBodies >= urls.Count);
        foreach (var story in hidden)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/articles/{story.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/articles/slug/{story.Slug}")).StatusCode);
        }
    }
}
