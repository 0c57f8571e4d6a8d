using System.Net;
using System.Text.Json.Nodes;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;
using Masthead.Tests.Support;

namespace Masthead.Tests.ContentApi;

/// <summary>The read-only Content API over real HTTP: keys, resources, filters, shapes, cursors, ETags and problem details.</summary>
public class ContentApiTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Api = "/api/content/v1";

    private async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static List<JsonNode> Data(JsonNode page) => page["data"]!.AsArray().Select(n => n!).ToList();

    private async Task<Article> PublishedAsync(string headline, IEnumerable<string>? tags = null)
    {
        var story = await app.StoryAsync(headline, tags: tags);
        return await app.PublishAsync(story.Id);
    }

    [Fact]
    public async Task EveryEndpoint_NeedsAWorkingKey_InTheHeaderOrTheQuery()
    {
        var anonymous = await app.Reader().GetAsync($"{Api}/articles");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);
        Assert.Contains("X-Api-Key", (await anonymous.Content.ReadAsStringAsync()));

        var wrong = app.Reader();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "mhc_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync($"{Api}/sections")).StatusCode);

        var key = await app.NewContentKeyAsync("query key");
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync($"{Api}/sections?key={Uri.EscapeDataString(key)}")).StatusCode);

        // An admin bearer token is not a Content API key.
        var admin = await app.ClientAsAsync(Role.Admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync($"{Api}/sections")).StatusCode);

        var id = app.WithDb(db => db.ContentApiKeys.OrderByDescending(k => k.Id).First().Id);
        await app.UseAsync<ContentApiKeys, ContentApiKey>(async keys => (await keys.RevokeAsync(id, Editor.System, CancellationToken.None)).Value!);
        var revoked = await app.Reader().GetAsync($"{Api}/authors?key={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", await revoked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Articles_PageWithACursor_NewestFirst_WithoutRepeatsWhenStoriesArePublishedMeanwhile()
    {
        var client = await app.ContentClientAsync();
        var first = await GetAsync(client, $"{Api}/articles?limit=5");
        var seen = Data(first).Select(a => a["id"]!.GetValue<int>()).ToList();
        Assert.Equal(5, seen.Count);

        // A story published between two pages goes to the top of the list, not into the walk.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await PublishedAsync("Published while a client was paging");
        var next = first["pagination"]!["next"]!.GetValue<string>();
        var cursor = first["pagination"]!["nextCursor"]!.GetValue<string>();
        Assert.Contains(cursor, next);
        while (next is not null)
        {
            var page = await GetAsync(client, next);
            seen.AddRange(Data(page).Select(a => a["id"]!.GetValue<int>()));
            next = page["pagination"]!["next"]?.GetValue<string>();
        }

        var expected = app.WithDb(db => db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Id != late.Id)
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id).ToList());
        Assert.Equal(expected, seen);
        Assert.Equal(late.Id, Data(await GetAsync(client, $"{Api}/articles?limit=1"))[0]["id"]!.GetValue<int>());

        var oldest = Data(await GetAsync(client, $"{Api}/articles?sort=publishedAt&limit=100")).Select(a => a["publishedAt"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(oldest.Order().ToList(), oldest);
    }

    [Fact]
    public async Task Articles_FilterBySectionAuthorTagAndDates()
    {
        var client = await app.ContentClientAsync();
        List<int> Expected(params string[] paths) => app.WithDb(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published
                && (paths.Contains(a.PrimarySection.Path) || a.SecondarySections.Any(s => paths.Contains(s.Section.Path))))
            .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id).ToList());
        var culturePaths = app.WithDb(db => db.Sections.Where(s => s.Path == "culture" || s.Path.StartsWith("culture/")).Select(s => s.Path).ToArray());
        Assert.True(culturePaths.Length > 1, "the demo's culture section has sub-sections");
        var culture = Data(await GetAsync(client, $"{Api}/articles?section=culture&limit=100&include=section"));
        Assert.Equal(Expected(culturePaths), culture.Select(a => a["id"]!.GetValue<int>()));
        Assert.Contains(culture, a => a["section"]!["path"]!.GetValue<string>() == "culture/film-tv");
        var own = Data(await GetAsync(client, $"{Api}/articles?section=culture&subsections=false&limit=100"));
        Assert.Equal(Expected("culture"), own.Select(a => a["id"]!.GetValue<int>()));
        Assert.True(own.Count < culture.Count);

        var byAuthor = Data(await GetAsync(client, $"{Api}/articles?author=wren-ashdown&include=authors&limit=100"));
        Assert.NotEmpty(byAuthor);
        Assert.All(byAuthor, a => Assert.Contains(a["authors"]!.AsArray(), p => p!["slug"]!.GetValue<string>() == "wren-ashdown"));

        var tagged = await PublishedAsync("A tagged story for the filter", ["Filterable Topic"]);
        var byTag = Data(await GetAsync(client, $"{Api}/articles?tag=filterable-topic&include=tags"));
        Assert.Equal([tagged.Id], byTag.Select(a => a["id"]!.GetValue<int>()));
        Assert.Equal("Filterable Topic", byTag[0]["tags"]![0]!["name"]!.GetValue<string>());

        var all = Data(await GetAsync(client, $"{Api}/articles?limit=100")).Select(a => a["publishedAt"]!.GetValue<DateTime>()).ToList();
        var middle = all[all.Count / 2];
        var after = Data(await GetAsync(client, $"{Api}/articles?limit=100&publishedAfter={middle:O}"));
        Assert.All(after, a => Assert.True(a["publishedAt"]!.GetValue<DateTime>() >= middle));
        var before = Data(await GetAsync(client, $"{Api}/articles?limit=100&publishedBefore={middle:O}"));
        Assert.All(before, a => Assert.True(a["publishedAt"]!.GetValue<DateTime>() < middle));
        Assert.Equal(all.Count, after.Count + before.Count);
    }

    [Fact]
    public async Task FieldsAndIncludes_ShapeEachArticle()
    {
        var client = await app.ContentClientAsync();
        var page = await GetAsync(client, $"{Api}/articles?fields=headline,slug&include=authors,credits&limit=3");
        foreach (var article in Data(page))
        {
            Assert.Equal(["authors", "credits", "headline", "slug"], article.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        }
        var plain = Data(await GetAsync(client, $"{Api}/articles?limit=1"))[0].AsObject();
        Assert.True(plain.ContainsKey("bodyHtml"));
        Assert.False(plain.ContainsKey("authors"));

        var id = plain["id"]!.GetValue<int>();
        var slug = plain["slug"]!.GetValue<string>();
        var byId = (await GetAsync(client, $"{Api}/articles/{id}?include=section,authors,tags,credits,notes"))["data"]!;
        Assert.Equal(slug, byId["slug"]!.GetValue<string>());
        Assert.NotNull(byId["section"]!["name"]);
        Assert.NotNull(byId["notes"]);
        var bySlug = (await GetAsync(client, $"{Api}/articles/slug/{slug}?fields=id"))["data"]!.AsObject();
        Assert.Equal([("id", id)], bySlug.Select(p => (p.Key, p.Value!.GetValue<int>())));
        Assert.StartsWith("https://quire.example/", byId["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadParameters_AreProblemDetailsNamingEachOne()
    {
        var client = await app.ContentClientAsync();
        var response = await client.GetAsync($"{Api}/articles?limit=500&sort=newest&fields=headline,secret&include=comments&sectoin=culture&cursor=garbage&publishedAfter=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadNodeAsync())["errors"]!.AsObject();
        Assert.Equal(["cursor", "fields", "include", "limit", "publishedAfter", "sectoin", "sort"], errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("secret", errors["fields"]![0]!.GetValue<string>());

        var section = await client.GetAsync($"{Api}/articles?section=no-such-desk");
        Assert.Equal(HttpStatusCode.BadRequest, section.StatusCode);
        Assert.Contains("no-such-desk", await section.Content.ReadAsStringAsync());

        var missing = await client.GetAsync($"{Api}/articles/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        var route = await client.GetAsync($"{Api}/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        Assert.Equal("application/problem+json", route.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task EveryGet_HasAnETag_Answers304_AndChangesAfterAnEdit()
    {
        var client = await app.ContentClientAsync();
        var story = await PublishedAsync("A story whose ETag moves");
        foreach (var url in new[] { $"{Api}/articles", $"{Api}/articles/{story.Id}", $"{Api}/articles/slug/{story.Slug}", $"{Api}/sections",
                     $"{Api}/authors", $"{Api}/authors/wren-ashdown", $"{Api}/tags", $"{Api}/pages" })
        {
            var first = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            var conditional = await client.SendAsync(again);
            Assert.True(conditional.StatusCode == HttpStatusCode.NotModified, $"{url}: {(int)conditional.StatusCode}");
        }

        var before = await client.GetAsync($"{Api}/articles/{story.Id}");
        await app.UseAsync<SaveArticle, Article>(async s =>
            (await s.UpdateAsync(story.Id, new ArticleInput { Headline = "A story whose ETag moved" }, null, Editor.System, CancellationToken.None)).Value!);
        var stale = new HttpRequestMessage(HttpMethod.Get, $"{Api}/articles/{story.Id}");
        stale.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("A story whose ETag moved", await after.Content.ReadAsStringAsync());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task Answers_AreServedFromTheOutputCache_UntilAnEditEvictsThem()
    {
        var client = await app.ContentClientAsync();
        var story = await PublishedAsync("Cached until it changes");
        var url = $"{Api}/articles/{story.Id}";
        await client.GetAsync(url);
        Assert.NotNull((await client.GetAsync(url)).Headers.Age); // the second answer came from the cache
        var list = $"{Api}/articles?limit=3&fields=headline";
        await client.GetAsync(list);
        Assert.NotNull((await client.GetAsync(list)).Headers.Age);

        await app.UseAsync<SaveArticle, Article>(async s =>
            (await s.UpdateAsync(story.Id, new ArticleInput { Headline = "Cached until it changed" }, null, Editor.System, CancellationToken.None)).Value!);
        var fresh = await client.GetAsync(url);
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("Cached until it changed", await fresh.Content.ReadAsStringAsync());
        var freshList = await client.GetAsync(list);
        Assert.Null(freshList.Headers.Age);
        Assert.Contains("Cached until it changed", await freshList.Content.ReadAsStringAsync());
        // A revoked or missing key is refused even for an answer the cache holds.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Reader().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Unpublishing_RemovesTheStoryFromTheApiAtOnce()
    {
        var client = await app.ContentClientAsync();
        var story = await PublishedAsync("Here today, withdrawn tomorrow");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/articles/{story.Id}")).StatusCode);
        Assert.Contains("Here today", await client.GetStringAsync($"{Api}/articles?limit=5"));
        await app.UseAsync<ArticleWorkflow, Article>(async w => (await w.UnpublishAsync(story.Id, null, Editor.System, CancellationToken.None)).Value!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/articles/{story.Id}")).StatusCode);
        Assert.DoesNotContain("Here today", await (await client.GetAsync($"{Api}/articles?limit=5")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SectionsAuthorsTagsAndPages()
    {
        var client = await app.ContentClientAsync();
        var sections = Data(await GetAsync(client, $"{Api}/sections"));
        var culture = sections.Single(s => s["path"]!.GetValue<string>() == "culture");
        Assert.Contains(culture["children"]!.AsArray(), c => c!["path"]!.GetValue<string>() == "culture/film-tv");

        var authors = Data(await GetAsync(client, $"{Api}/authors"));
        Assert.Equal(app.WithDb(db => db.Authors.Count()), authors.Count);
        Assert.Equal("wren-ashdown", (await GetAsync(client, $"{Api}/authors/wren-ashdown"))["data"]!["slug"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/authors/nobody-at-all")).StatusCode);

        var tags = Data(await GetAsync(client, $"{Api}/tags"));
        Assert.All(tags, t => Assert.True(t["articleCount"]!.GetValue<int>() > 0));
        var film = (await GetAsync(client, $"{Api}/tags/film"))["data"]!;
        Assert.Equal("film", film["slug"]!.GetValue<string>());

        var pages = Data(await GetAsync(client, $"{Api}/pages"));
        Assert.NotEmpty(pages);
        var slug = pages[0]["slug"]!.GetValue<string>();
        Assert.Equal(pages[0]["title"]!.GetValue<string>(), (await GetAsync(client, $"{Api}/pages/{slug}"))["data"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheContentApiOnly_AndTheDocsPageIsServed()
    {
        var document = await app.Reader().GetStringAsync("/openapi/content.json");
        Assert.Contains("\"/api/content/v1/articles\"", document);
        Assert.Contains("\"/api/content/v1/articles/{id}\"", document);
        Assert.DoesNotContain("/api/admin", document);
        Assert.DoesNotContain("/api/content/v1", await app.Reader().GetStringAsync("/openapi/v1.json"));

        var docs = await app.Reader().GetAsync("/api/content/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var page = await Html.ParseAsync(docs);
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.Contains("X-Api-Key", page.QuerySelector("main")!.TextContent);
        Assert.All(page.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));
    }

    [Fact]
    public async Task Cli_CreatesAKeyThatWorks_AndRevokesIt()
    {
        var (code, output, errors) = await app.RunCliAsync("content-key", "create", "--name", "iOS app");
        Assert.True(code == 0, errors);
        var key = output.Trim();
        Assert.StartsWith(ContentApiKeys.Prefix, key);
        Assert.Equal(HttpStatusCode.OK, (await app.Reader().GetAsync($"{Api}/sections?key={Uri.EscapeDataString(key)}")).StatusCode);
        var stored = app.WithDb(db => db.ContentApiKeys.Single(k => k.Name == "iOS app"));
        Assert.DoesNotContain(key, stored.KeyHash);

        var (revokeCode, _, revokeErrors) = await app.RunCliAsync("content-key", "revoke", "--id", stored.Id.ToString());
        Assert.True(revokeCode == 0, revokeErrors);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Reader().GetAsync($"{Api}/sections?key={Uri.EscapeDataString(key)}")).StatusCode);
    }
}
