using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.PublicSite;

/// <summary>JSON-LD, Open Graph, Twitter cards, canonical URLs and noindex, read from the served pages.</summary>
public class StructuredDataTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private const string Base = "https://quire.example";
    private const string LeadStory = "/culture/film-tv/the-helpline-tapes-that-became-the-film-of-the-festival";

    [Fact]
    public async Task Article_DescribesItselfAsNewsArticle()
    {
        var doc = await app.Reader().GetPageAsync(LeadStory);
        var article = Single(doc, "NewsArticle");

        Assert.Equal("The helpline tapes that became the film of the festival", article.GetProperty("headline").GetString());
        Assert.StartsWith("“We were never the footnote", article.GetProperty("description").GetString());
        var image = article.GetProperty("image")[0];
        Assert.Equal("ImageObject", image.GetProperty("@type").GetString());
        Assert.Equal(Base + HeroUrl(), image.GetProperty("url").GetString());
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        Assert.Equal(675, image.GetProperty("height").GetInt32());
        // The picture's credit line, as under the picture on the page.
        Assert.Equal("Halfmoon Pictures Collective", image.GetProperty("creditText").GetString());
        Assert.Equal("Halfmoon Pictures Collective", doc.QuerySelector("figure figcaption .credit")?.TextContent.Trim());

        var published = DateTimeOffset.Parse(article.GetProperty("datePublished").GetString()!);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), published);
        Assert.True(DateTimeOffset.Parse(article.GetProperty("dateModified").GetString()!) >= published);

        var authors = article.GetProperty("author").EnumerateArray().ToList();
        Assert.All(authors, a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.Equal(["Tomasz Wielgosz", "Priya Mahendran"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal([$"{Base}/author/tomasz-wielgosz", $"{Base}/author/priya-mahendran"], authors.Select(a => a.GetProperty("url").GetString()));

        var credits = article.GetProperty("contributor").EnumerateArray()
            .Select(c => (c.GetProperty("@type").GetString(), c.GetProperty("roleName").GetString(), c.GetProperty("contributor").GetProperty("name").GetString()))
            .ToList();
        Assert.Contains(("Role", "Pictures", "Halfmoon Pictures Collective"), credits);
        Assert.Contains(("Role", "Archive research", "Leeds Community Sound Archive"), credits);

        var publisher = article.GetProperty("publisher");
        Assert.Equal("NewsMediaOrganization", publisher.GetProperty("@type").GetString());
        Assert.Equal("The Quire", publisher.GetProperty("name").GetString());
        var logo = publisher.GetProperty("logo").GetProperty("url").GetString()!;
        Assert.StartsWith($"{Base}/media/", logo);
        Assert.Equal(200, (int)(await app.Reader().GetAsync(new Uri(logo).PathAndQuery)).StatusCode);

        Assert.Equal(Base + LeadStory, article.GetProperty("mainEntityOfPage").GetString());
        Assert.Equal("Film & TV", article.GetProperty("articleSection").GetString());
        Assert.Contains("Film", article.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.True(article.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal("en-GB", article.GetProperty("inLanguage").GetString());
    }

    [Fact]
    public async Task Article_ListsItsCorrectionsAsCorrectionComments()
    {
        var (path, notes) = app.WithDb(db => db.Articles.Where(a => a.Notes.Any(n => n.Kind == ArticleNoteKind.Correction))
            .Include(a => a.PrimarySection).Include(a => a.Notes).AsEnumerable()
            .Select(a => ($"/{a.PrimarySection.Path}/{a.Slug}", a.Notes.Where(n => n.Kind == ArticleNoteKind.Correction).OrderBy(n => n.At).ToList()))
            .First());
        var article = Single(await app.Reader().GetPageAsync(path), "NewsArticle");
        var corrections = article.GetProperty("correction").EnumerateArray().ToList();
        Assert.Equal(notes.Count, corrections.Count);
        for (var i = 0; i < notes.Count; i++)
        {
            Assert.Equal("CorrectionComment", corrections[i].GetProperty("@type").GetString());
            Assert.Equal(notes[i].Text, corrections[i].GetProperty("text").GetString());
            Assert.Equal(notes[i].At, DateTimeOffset.Parse(corrections[i].GetProperty("datePublished").GetString()!).UtcDateTime);
        }
        Assert.False(Single(await app.Reader().GetPageAsync(LeadStory), "NewsArticle").TryGetProperty("correction", out _));
    }

    [Fact]
    public async Task ArticleAndSection_CarryABreadcrumbListMatchingTheVisibleTrail()
    {
        var crumbs = Single(await app.Reader().GetPageAsync(LeadStory), "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], crumbs.Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(["Home", "Culture", "Film & TV", "The helpline tapes that became the film of the festival"], crumbs.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([$"{Base}/", $"{Base}/culture", $"{Base}/culture/film-tv", Base + LeadStory], crumbs.Select(c => c.GetProperty("item").GetString()));

        var section = Single(await app.Reader().GetPageAsync("/culture/film-tv"), "BreadcrumbList").GetProperty("itemListElement").EnumerateArray();
        Assert.Equal(["Home", "Culture", "Film & TV"], section.Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Home_DescribesTheWebSiteWithASearchAction()
    {
        var site = Single(await app.Reader().GetPageAsync("/"), "WebSite");
        Assert.Equal("The Quire", site.GetProperty("name").GetString());
        Assert.Equal($"{Base}/", site.GetProperty("url").GetString());
        var action = site.GetProperty("potentialAction");
        Assert.Equal("SearchAction", action.GetProperty("@type").GetString());
        Assert.Equal($"{Base}/search?q={{search_term_string}}", action.GetProperty("target").GetProperty("urlTemplate").GetString());
        Assert.Equal("required name=search_term_string", action.GetProperty("query-input").GetString());
        Assert.Equal("NewsMediaOrganization", site.GetProperty("publisher").GetProperty("@type").GetString());
    }

    [Fact]
    public async Task Author_IsAProfilePageOfAPerson()
    {
        var profile = Single(await app.Reader().GetPageAsync("/author/priya-mahendran"), "ProfilePage");
        var person = profile.GetProperty("mainEntity");
        Assert.Equal("Person", person.GetProperty("@type").GetString());
        Assert.Equal("Priya Mahendran", person.GetProperty("name").GetString());
        Assert.Equal($"{Base}/author/priya-mahendran", person.GetProperty("url").GetString());
        Assert.Contains("https://example.social/@priyamahendran", person.GetProperty("sameAs").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Article_HasOpenGraphTwitterAndCanonicalMeta()
    {
        var doc = await app.Reader().GetPageAsync(LeadStory);
        string? Meta(string key) => doc.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content");
        string[] All(string key) => doc.QuerySelectorAll($"meta[property='{key}']").Select(m => m.GetAttribute("content")!).ToArray();

        Assert.Equal(Base + LeadStory, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(Base + LeadStory, Meta("og:url"));
        Assert.Equal("article", Meta("og:type"));
        Assert.Equal("The helpline tapes that became the film of the festival", Meta("og:title"));
        Assert.Equal("en_GB", Meta("og:locale"));
        Assert.Equal(Base + HeroUrl(), Meta("og:image"));
        Assert.Equal("1200", Meta("og:image:width"));
        Assert.Equal("675", Meta("og:image:height"));
        Assert.False(string.IsNullOrWhiteSpace(Meta("og:image:alt")));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), DateTimeOffset.Parse(Meta("article:published_time")!));
        Assert.Equal("Film & TV", Meta("article:section"));
        Assert.Equal([$"{Base}/author/tomasz-wielgosz", $"{Base}/author/priya-mahendran"], All("article:author"));
        Assert.Contains("Film", All("article:tag"));
        Assert.Equal("summary_large_image", Meta("twitter:card"));
        Assert.Equal(Meta("og:image"), Meta("twitter:image"));
        Assert.Equal(Meta("og:description"), Meta("twitter:description"));
        Assert.Null(doc.QuerySelector("meta[name=robots]"));
    }

    [Fact]
    public async Task Headline_ThatLooksLikeMarkup_CannotBreakOutOfTheJsonLdScript()
    {
        const string headline = "Stop </script><script>alert(1)</script> & \"quote\" <!-- here";
        var editor = await app.ClientAsAsync(Role.Editor);
        var created = await editor.PostJsonAsync("/api/admin/articles", new { headline, standfirst = "A standfirst.", slug = "markup-in-a-headline", section = "opinion", body = "Text." }, 201);
        await editor.PostJsonAsync($"/api/admin/articles/{created["id"]}/publish", new { }, 200);

        var response = await app.Reader().GetAsync("/opinion/markup-in-a-headline");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        var doc = await Html.ParseAsync(new HttpResponseMessage { Content = new StringContent(html) });
        Assert.Equal(2, doc.QuerySelectorAll("script").Length); // NewsArticle and BreadcrumbList, nothing injected
        Assert.Equal(headline, Single(doc, "NewsArticle").GetProperty("headline").GetString());
        Assert.Equal("Opinion", Single(doc, "NewsArticle").GetProperty("articleSection").GetString());
    }

    [Fact]
    public async Task Drafts_AndErrorPages_AreNoindex_WhileNormalPagesAreNot()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await editor.PostJsonAsync("/api/admin/articles", new { headline = "A draft nobody should index", section = "news", body = "Not yet." }, 201);
        var draft = await app.Reader().GetPageAsync("/news/a-draft-nobody-should-index", 404);
        Assert.Equal("noindex", draft.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.DoesNotContain("A draft nobody should index", draft.DocumentElement.OuterHtml);

        foreach (var page in new[] { "/", "/culture", "/author/priya-mahendran", "/tag/film", "/corrections" })
        {
            var doc = await app.Reader().GetPageAsync(page);
            Assert.Null(doc.QuerySelector("meta[name=robots]"));
            Assert.StartsWith(Base + "/", doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        }
    }

    private static JsonElement Single(IDocument doc, string type)
    {
        var nodes = doc.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement)
            .ToList();
        Assert.All(nodes, n => Assert.Equal("https://schema.org", n.GetProperty("@context").GetString()));
        return Assert.Single(nodes, n => n.GetProperty("@type").GetString() == type);
    }

    /// <summary>The lead story's hero address as stored: a size of its library picture.</summary>
    private string HeroUrl() => app.WithDb(db => db.Articles
        .Where(a => a.Slug == "the-helpline-tapes-that-became-the-film-of-the-festival").Select(a => a.HeroImage!.Url).Single());
}
