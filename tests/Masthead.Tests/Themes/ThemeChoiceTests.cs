using Masthead.Web.PublicSite;
using Masthead.Web.PublicSite.Pages;
using Masthead.Web.PublicSite.Themes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Masthead.Tests.Themes;

/// <summary>Choosing a theme: an unknown name or a replacement that takes other parameters stops the start, saying why.</summary>
public partial class ThemeChoiceTests
{
    [Fact]
    public void AnUnknownTheme_StopsTheStart_NamingTheKnownOnes()
    {
        var data = Directory.CreateTempSubdirectory("masthead-theme-").FullName;
        try
        {
            using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Masthead:Theme", "Tabloid");
                builder.UseSetting("Masthead:DataPath", data);
                builder.UseSetting("Masthead:Database:Provider", "Sqlite");
            });
            var error = Assert.ThrowsAny<Exception>(() => app.Server);
            var message = Innermost(error).Message;
            Assert.Contains("Masthead:Theme is 'Tabloid', which is not an installed theme. Known themes: Broadsheet", message);
        }
        finally { Directory.Delete(data, recursive: true); }
    }

    [Fact]
    public void ThemeNames_AreMatchedWithoutRegardToCase() =>
        Assert.Equal("Broadsheet", ThemeCatalog.Choose("broadsheet", AppContext.BaseDirectory).Name);

    [Fact]
    public void NoSetting_IsNoTheme() =>
        Assert.True(ThemeCatalog.Choose(null, AppContext.BaseDirectory).IsNone);

    [Fact]
    public void Broadsheet_ReplacesTheHomePageAndTheStoryCard()
    {
        var theme = ThemeCatalog.Choose("Broadsheet", AppContext.BaseDirectory);
        Assert.Equal(["HomePage", "StoryCard"], theme.Overrides.Keys.Select(t => t.Name).Order());
        Assert.Equal(typeof(SiteLayout), theme.Resolve(typeof(SiteLayout)));
        Assert.Equal("Masthead.Themes.Broadsheet.StoryCard", theme.Resolve(typeof(Masthead.Web.PublicSite.Pages.StoryCard)).FullName);
    }

    [Fact]
    public void AReplacementTakingOtherParameters_IsRefused_NamingTheDifference()
    {
        // This test assembly holds a StoryCard that takes a Card but not the rest, and a Headline of its own.
        var error = Assert.Throws<InvalidOperationException>(() => ActiveTheme.Load("Broken", typeof(ThemeChoiceTests).Assembly));
        Assert.Contains("Theme 'Broken' cannot be used: Masthead.Tests.Themes.StoryCard must take the parameters of StoryCard", error.Message);
        Assert.Contains("missing: Masthead.Web.PublicSite.SiteModel Site", error.Message);
        Assert.Contains("not taken by StoryCard: System.String Headline", error.Message);
    }

    [Fact]
    public void TheOverridableComponents_IncludeEveryPageAndSharedPart()
    {
        var names = ActiveTheme.OverridableComponents().Select(t => t.Name).ToList();
        Assert.Superset(new HashSet<string> { "ArticlePage", "HomePage", "SectionPage", "TagPage", "AuthorPage", "StandalonePage", "SearchPage",
            "NotFoundPage", "GonePage", "SiteLayout", "StoryCard", "StoryList" }, names.ToHashSet());
    }

    [Fact]
    public void DocsThemes_ListsEveryOverridableComponent_WithItsParameters()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Masthead.slnx"))) root = root.Parent;
        var documented = File.ReadAllLines(Path.Combine(root!.FullName, "docs", "themes.md"))
            .Select(line => DocumentedRow().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => ParameterName().Matches(m.Groups[2].Value).Select(p => p.Groups[1].Value).Order().ToList());
        var actual = ActiveTheme.OverridableComponents()
            .ToDictionary(t => t.Name, t => ActiveTheme.Parameters(t).Select(p => p.Name).Order().ToList());
        Assert.Equal(actual.Keys.Order(), documented.Keys.Order());
        Assert.All(actual, component => Assert.Equal(component.Value, documented[component.Key]));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\| `(\w+)` \| (.*) \|$")]
    private static partial System.Text.RegularExpressions.Regex DocumentedRow();

    [System.Text.RegularExpressions.GeneratedRegex(@"`(\w+)` \(")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;
}

/// <summary>A replacement for Masthead's StoryCard that takes the wrong parameters (see above).</summary>
public sealed class StoryCard : ComponentBase
{
    [Parameter] public ArticleCard Card { get; set; } = null!;
    [Parameter] public string Headline { get; set; } = "";
}
