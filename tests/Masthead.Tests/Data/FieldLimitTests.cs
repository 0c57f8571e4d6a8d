using Masthead.Core.Accounts;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Data;

/// <summary>
/// Whatever validation accepts, the database stores: a story with every text field at its longest allowed length is
/// saved on the real database (PostgreSQL enforces column lengths; SQLite does not, so the model is checked too).
/// </summary>
public class FieldLimitTests(MastheadAppFactory app) : IClassFixture<MastheadAppFactory>
{
    private static string Text(int length, char fill = 'x') => new(fill, length);

    [Fact]
    public async Task AStoryWithEveryFieldAtItsLimit_IsSaved_AndReadBackWhole()
    {
        var input = new ArticleInput
        {
            Headline = "H" + Text(ArticleLimits.Headline - 1, 'h'),
            Standfirst = Text(ArticleLimits.Standfirst, 's'),
            Body = "A body.",
            Section = "news",
            Bylines = ["wren-ashdown"],
            Credits = [new CreditInput(Text(ArticleLimits.CreditRole, 'r'), Text(ArticleLimits.CreditName, 'n'), null)],
            Tags = [Text(ArticleLimits.TagName, 't')],
            HeroImage = new HeroImageInput("https://pictures.example/" + Text(ArticleLimits.Url - 25, 'u'), Text(ArticleLimits.HeroText, 'a'),
                Text(ArticleLimits.HeroText, 'c'), Text(ArticleLimits.HeroText, 'k'), 1200, 800),
            SeoTitle = Text(ArticleLimits.SeoTitle, 'q'),
            SeoDescription = Text(ArticleLimits.SeoDescription, 'd'),
        };
        var result = await app.UseAsync<SaveArticle, Core.Common.Result<Article>>(s => s.CreateAsync(input, Editor.System, CancellationToken.None));
        Assert.True(result.Value is not null, string.Join("; ", result.Errors?.ToDictionary().SelectMany(e => e.Value) ?? [result.Message ?? ""]));

        var stored = app.WithDb(db => db.Articles.Include(a => a.Credits).Single(a => a.Id == result.Value!.Id));
        Assert.Equal(ArticleLimits.HeroText, stored.HeroImage!.Credit!.Length);
        Assert.Equal(ArticleLimits.HeroText, stored.HeroImage.Caption!.Length);
        Assert.Equal(ArticleLimits.Url, stored.HeroImage.Url.Length);
        Assert.Equal(ArticleLimits.SeoDescription, stored.SeoDescription!.Length);
        Assert.Equal(ArticleLimits.CreditName, stored.Credits.Single().Name.Length);
    }

    [Fact]
    public void EveryColumnALimitAppliesTo_IsAtLeastThatLong_InTheModel()
    {
        var model = app.WithDb(db => db.Model);
        int? Max<T>(string property) => model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength();
        int? HeroMax(string property) => model.FindEntityType(typeof(Article))!.FindNavigation(nameof(Article.HeroImage))!.TargetEntityType.FindProperty(property)!.GetMaxLength();
        var checks = new (string What, int? Column, int Limit)[]
        {
            ("headline", Max<Article>(nameof(Article.Headline)), ArticleLimits.Headline),
            ("standfirst", Max<Article>(nameof(Article.Standfirst)), ArticleLimits.Standfirst),
            ("SEO title", Max<Article>(nameof(Article.SeoTitle)), ArticleLimits.SeoTitle),
            ("SEO description", Max<Article>(nameof(Article.SeoDescription)), ArticleLimits.SeoDescription),
            ("hero address", HeroMax(nameof(HeroImage.Url)), ArticleLimits.Url),
            ("hero alt text", HeroMax(nameof(HeroImage.Alt)), ArticleLimits.HeroText),
            ("hero caption", HeroMax(nameof(HeroImage.Caption)), ArticleLimits.HeroText),
            ("hero credit", HeroMax(nameof(HeroImage.Credit)), ArticleLimits.HeroText),
            ("credit role", Max<Credit>(nameof(Credit.Role)), ArticleLimits.CreditRole),
            ("credit name", Max<Credit>(nameof(Credit.Name)), ArticleLimits.CreditName),
            ("note", Max<ArticleNote>(nameof(ArticleNote.Text)), ArticleLimits.NoteText),
            ("tag name", Max<Core.Tags.Tag>(nameof(Core.Tags.Tag.Name)), ArticleLimits.TagName),
        };
        var short_ = checks.Where(c => c.Column is { } column && column < c.Limit).Select(c => $"{c.What}: column {c.Column}, validation allows {c.Limit}").ToList();
        Assert.True(short_.Count == 0, string.Join("\n", short_));
    }
}
