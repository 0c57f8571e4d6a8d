using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Masthead.Core.Accounts;
using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Tests.Support;
using static Masthead.Tests.Support.ApiJson;

namespace Masthead.Tests.Security;

/// <summary>
/// Findings of the outside probe about what writers and editors may type: lookalike names, planted ids and
/// classes, and years no plan is made for. Each test failed before its fix.
/// </summary>
public class ProbeInputFindingsTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{

    private async Task<int> NewDraftAsync(HttpClient editor, string headline)
    {
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline, section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        return created["id"]!.GetValue<int>();
    }

    // ----- Lookalike slugs and tags

    [Fact]
    public async Task ATagWithACyrillicLetterInALatinWord_IsRefused_InTheTagListAndOnAStory()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await editor.PostJsonAsync("/api/admin/tags", new { name = "Tramlines" }, 201);

        // "Тramlines" starts with a Cyrillic Т; it used to become a second tag, /tag/тramlines.
        var message = await FieldErrorAsync(await editor.PostAsync("/api/admin/tags", ApiJson.Body(new { name = "\u0422ramlines" })), "name");
        Assert.Contains("Cyrillic", message);
        Assert.Contains("\u0422ramlines", message);

        var onStory = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "Two tags that look the same", section = "news", bylines = new[] { "wren-ashdown" },
            tags = new[] { "Tramlines", "\u0422ramlines" },
        }));
        await FieldErrorAsync(onStory, "tags[1]");
        Assert.Equal(1, app.WithDb(db => db.Tags.Count(t => t.Name.EndsWith("ramlines"))));
    }

    [Fact]
    public async Task ASlugWithACyrillicLetter_IsRefused_WhetherTypedOrTakenFromTheHeadline()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var typed = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "Payments news", section = "news", bylines = new[] { "wren-ashdown" }, slug = "p\u0430ypal-news",
        }));
        Assert.Contains("Cyrillic", await FieldErrorAsync(typed, "slug"));

        var fromHeadline = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "P\u0430ypal news", section = "news", bylines = new[] { "wren-ashdown" },
        }));
        await FieldErrorAsync(fromHeadline, "slug");

        var tagSlug = await editor.PostAsync("/api/admin/tags", ApiJson.Body(new { name = "Payments", slug = "p\u0430yments" }));
        await FieldErrorAsync(tagSlug, "slug");
        Assert.Equal(0, app.WithDb(db => db.Articles.Count(a => a.Slug.Contains("ypal"))));
    }

    [Fact]
    public async Task SlugsAndTagsInOneOtherScript_AreStillAccepted()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new
        {
            headline = "Новости дня", section = "news", bylines = new[] { "wren-ashdown" }, tags = new[] { "Москва", "Moscow" },
        }, 201);
        Assert.Equal("новости-дня", created["slug"]!.GetValue<string>());
        await editor.PostJsonAsync("/api/admin/tags", new { name = "Tokyo 東京" }, 201);
    }

    [Fact]
    public async Task ATagPage_IsFound_WhetherTheAddressComesInComposedOrDecomposedForm()
    {
        // Hangul syllables are where NFC and NFD differ most: slugs used to be stored decomposed, while
        // browsers send the composed form.
        var story = await app.StoryAsync("A season of Korean cinema", tags: ["한국 영화"]);
        await app.PublishAsync(story.Id);
        var composed = "한국-영화".Normalize(NormalizationForm.FormC);
        Assert.Equal(composed, app.WithDb(db => db.Tags.Single(t => t.Name == "한국 영화").Slug));

        var reader = app.Reader();
        foreach (var form in new[] { NormalizationForm.FormC, NormalizationForm.FormD })
        {
            var response = await reader.GetAsync("/tag/" + Uri.EscapeDataString(composed.Normalize(form)));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{form}: {(int)response.StatusCode}");
            Assert.Contains("A season of Korean cinema", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(composed, Slug.Normalize(composed.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("Tramlines", null)]
    [InlineData("\u0422ramlines", "\u0422ramlines")]
    [InlineData("Alpha \u03b2eta", "\u03b2eta")]
    [InlineData("Москва Moscow", null)]
    [InlineData("naïve café", null)]
    [InlineData("tokyo-東京", null)]
    public void MixedScript_FindsTheWordThatMixesLatinWithCyrillicOrGreek(string text, string? expected) =>
        Assert.Equal(expected, MixedScript.FindMixedWord(text));

    // ----- Ids and classes in bodies

    [Fact]
    public void ABody_CannotPlantThePagesIds_OrBorrowItsClasses()
    {
        var html = new BodyRenderer().Render("""
            ## Main

            <div id="main" class="site-header nav">Fake header</div>

            [Back up](#main) and [elsewhere](https://example.org/#main).
            """);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Null(doc.GetElementById("main"));
        Assert.Empty(doc.QuerySelectorAll("[class]"));
        Assert.Equal("body-main", doc.QuerySelector("h2")!.Id);
        Assert.Equal("body-main", doc.QuerySelector("div")!.Id);
        Assert.Equal("#body-main", doc.QuerySelectorAll("a")[0].GetAttribute("href"));
        Assert.Equal("https://example.org/#main", doc.QuerySelectorAll("a")[1].GetAttribute("href"));
    }

    [Fact]
    public void MastheadsOwnClasses_StayOnPullQuotesEmbedsFiguresAndCode_AndOnlyThoseOnAMixedAttribute()
    {
        var html = new BodyRenderer().Render("""
            :::pullquote
            Said loudly.
            :::

            :::embed https://www.youtube.com/watch?v=abc
            A video.
            :::

            > Quoted.
            >
            > — Someone

            ```csharp
            var x = 1;
            ```

            <aside class="pullquote skip-link">Typed by hand</aside>
            """);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.NotNull(doc.QuerySelector("aside.pullquote"));
        Assert.NotNull(doc.QuerySelector("figure.embed.embed--video.embed--youtube a.embed__link"));
        Assert.NotNull(doc.QuerySelector("figure.quote figcaption.quote__source"));
        Assert.NotNull(doc.QuerySelector("code.language-csharp"));
        Assert.Null(doc.QuerySelector(".skip-link"));
        Assert.Equal("pullquote", doc.QuerySelectorAll("aside").Last().GetAttribute("class"));
    }

    [Fact]
    public async Task AnArticlePage_HasOneMain_WhateverTheBodySays()
    {
        var story = await app.StoryAsync("A body that claims the main landmark",
            body: "<p id=\"main\" class=\"article__title\">Fake</p>\n\nThe real text.");
        await app.PublishAsync(story.Id);
        var page = await app.Reader().GetStringAsync($"/culture/film-tv/{story.Slug}");
        var doc = new HtmlParser().ParseDocument(page);
        Assert.Single(doc.QuerySelectorAll("#main"));
        Assert.Equal("main", doc.GetElementById("main")!.LocalName);
        Assert.NotNull(doc.GetElementById("body-main"));
    }

    // ----- Schedule and embargo years

    [Theory]
    [InlineData(1)]
    [InlineData(9999)]
    public async Task AnEmbargoInYear1Or9999_IsRefused_WithTheRange(int year)
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var id = await NewDraftAsync(editor, $"An embargo in the year {year}");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/articles/{id}/embargo")
        { Content = ApiJson.Body(new { until = new DateTime(year, 6, 1, 9, 0, 0, DateTimeKind.Utc) }) };
        var message = await FieldErrorAsync(await editor.SendAsync(request), "embargoUntil");
        Assert.Contains($"{year:0000}-06-01", message);
        Assert.Contains("2000-01-01", message);
        Assert.Null(app.WithDb(db => db.Articles.Single(a => a.Id == id).EmbargoUntil));
    }

    [Fact]
    public async Task ScheduleInYear9999_IsRefused_ButNineYearsAheadIsFine()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var id = await NewDraftAsync(editor, "Scheduled for the far future");
        var far = await editor.PostAsync($"/api/admin/articles/{id}/schedule",
            ApiJson.Body(new { publishAt = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc) }));
        Assert.Contains("at most 10 years ahead", await FieldErrorAsync(far, "publishAt"));

        var early = await editor.PostAsync($"/api/admin/articles/{id}/schedule",
            ApiJson.Body(new { publishAt = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc) }));
        await FieldErrorAsync(early, "publishAt");

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/articles/{id}/embargo")
        { Content = ApiJson.Body(new { until = app.Clock.GetUtcNow().UtcDateTime.AddYears(9) }) };
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(request)).StatusCode);
    }
}
