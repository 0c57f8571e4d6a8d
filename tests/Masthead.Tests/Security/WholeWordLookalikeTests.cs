using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Tests.Support;
using static Masthead.Tests.Support.ApiJson;

namespace Masthead.Tests.Security;

/// <summary>
/// Issue 12 #10, the part mixed-script checks cannot see: a tag or slug written wholly in Cyrillic letters that reads as
/// an existing Latin one ("Тгапѕ" is "Trans" to the eye) is refused, naming the tag or slug it would be mistaken for;
/// Cyrillic words with no Latin twin stay ordinary tags and slugs.
/// </summary>
public class WholeWordLookalikeTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    // "Trans" and "Cocoa" in Cyrillic letters only (Т г а п ѕ; С о с о а), so no word mixes alphabets.
    private const string CyrillicTrans = "\u0422\u0433\u0430\u043F\u0455";
    private const string CyrillicCocoa = "\u0421\u043E\u0441\u043E\u0430";


    [Fact]
    public void Skeletons_OfLookalikeWords_AreTheLatinWord()
    {
        Assert.Equal("trans", Lookalikes.Skeleton(CyrillicTrans));
        Assert.Equal("cocoa", Lookalikes.Skeleton(CyrillicCocoa));
        Assert.Equal("paypal", Lookalikes.Skeleton("\u0440\u0430\u0443\u0440\u0430\u04CF")); // р а у р а ӏ
        Assert.NotEqual("moscow", Lookalikes.Skeleton("Москва"));
    }

    [Fact]
    public async Task ACyrillicTagThatReadsAsAnExistingOne_IsRefused_NamingIt_InTheTagListAndOnAStory()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await editor.PostJsonAsync("/api/admin/tags", new { name = "Trans" }, 201);

        var message = await FieldErrorAsync(await editor.PostAsync("/api/admin/tags", ApiJson.Body(new { name = CyrillicTrans })), "name");
        Assert.Equal($"The tag \"{CyrillicTrans}\" looks the same as the existing tag \"Trans\" but is written in other letters; use \"Trans\", or a name that reads differently.", message);

        var onStory = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "A tag that looks like another", section = "news", bylines = new[] { "wren-ashdown" }, tags = new[] { CyrillicTrans },
        }));
        Assert.Contains("\"Trans\"", await FieldErrorAsync(onStory, "tags[0]"));

        // Renaming another tag into the lookalike is refused the same way.
        var other = await editor.PostJsonAsync("/api/admin/tags", new { name = "Transit" }, 201);
        var renamed = await editor.PatchJsonAsync($"/api/admin/tags/{other["id"]}", new { name = CyrillicTrans, slug = CyrillicTrans.ToLowerInvariant() }, null);
        Assert.Contains("\"Trans\"", await FieldErrorAsync(renamed, "slug"));
        Assert.Equal(1, app.WithDb(db => db.Tags.AsEnumerable().Count(t => Lookalikes.Skeleton(t.Slug) == "trans")));
    }

    [Fact]
    public async Task ASectionOrAuthorAddressThatReadsAsAnExistingOne_IsRefused_NamingIt()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        await editor.PostJsonAsync("/api/admin/sections", new { name = "Cocoa", slug = "cocoa" }, 201);
        var section = await FieldErrorAsync(await editor.PostAsync("/api/admin/sections", ApiJson.Body(new { name = "Lookalike desk", slug = CyrillicCocoa.ToLowerInvariant() })), "slug");
        Assert.Contains("\"cocoa\", another section's", section);
        // Under another parent the same letters are another address, and allowed.
        await editor.PostJsonAsync("/api/admin/sections", new { name = "Cocoa", slug = "cocoa", parent = "news" }, 201);

        await editor.PostJsonAsync("/api/admin/authors", new { name = "Cocoa Writer", slug = "cocoa-writer" }, 201);
        var author = await FieldErrorAsync(await editor.PostAsync("/api/admin/authors", ApiJson.Body(new { name = "Another writer", slug = CyrillicCocoa.ToLowerInvariant() + "-writer" })), "slug");
        Assert.Contains("\"cocoa-writer\", another author's", author);
    }

    [Fact]
    public async Task ALatinTagThatReadsAsAnExistingCyrillicOne_IsRefusedToo()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        // With no Latin twin yet, a Cyrillic tag is an ordinary tag; the Latin one made after it is the lookalike now.
        await editor.PostJsonAsync("/api/admin/tags", new { name = CyrillicCocoa }, 201);
        var message = await FieldErrorAsync(await editor.PostAsync("/api/admin/tags", ApiJson.Body(new { name = "Cocoa" })), "name");
        Assert.Contains($"\"{CyrillicCocoa}\"", message);
    }

    [Fact]
    public async Task AnArticleSlugThatReadsAsAnotherArticles_IsRefused_WhetherTypedOrTakenFromTheHeadline()
    {
        var editor = await app.ClientAsAsync(Role.Editor);
        var original = await editor.PostJsonAsync("/api/admin/articles", new { headline = "Cocoa prices climb", section = "news", bylines = new[] { "wren-ashdown" } }, 201);
        Assert.Equal("cocoa-prices-climb", original["slug"]!.GetValue<string>());

        var typed = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = "Something else", section = "news", bylines = new[] { "wren-ashdown" }, slug = $"{CyrillicCocoa.ToLowerInvariant()}-prices-climb",
        }));
        Assert.Contains("\"cocoa-prices-climb\"", await FieldErrorAsync(typed, "slug"));

        var fromHeadline = await editor.PostAsync("/api/admin/articles", ApiJson.Body(new
        {
            headline = $"{CyrillicCocoa} prices climb", section = "news", bylines = new[] { "wren-ashdown" },
        }));
        Assert.Contains("\"cocoa-prices-climb\"", await FieldErrorAsync(fromHeadline, "slug"));
        Assert.Equal(1, app.WithDb(db => db.Articles.Count(a => a.Slug.EndsWith("-prices-climb"))));
    }
}
