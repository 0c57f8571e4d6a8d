using System.Text.RegularExpressions;
using Masthead.Core.Articles;
using Masthead.Core.Revisions;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// The story editor's form, field by field as the browser posts it. Lists arrive as repeated fields
/// (Bylines[0], Credits[1].Role…); blank rows are the spare ones a person did not fill in.
/// </summary>
public sealed class StoryForm
{
    public int Version { get; set; }
    /// <summary>The version of the working copy the form was loaded from (0: none), for stories holding reviewed text.</summary>
    public int PendingVersion { get; set; }
    public string? Headline { get; set; }
    public string? Slug { get; set; }
    public string? Standfirst { get; set; }
    public string? Body { get; set; }
    public string? Section { get; set; }
    public List<string> AlsoIn { get; set; } = [];
    public List<string?> Bylines { get; set; } = [];
    public List<CreditRow> Credits { get; set; } = [];
    /// <summary>Comma-separated, as people type them.</summary>
    public string? Tags { get; set; }
    public string? HeroUrl { get; set; }
    public string? HeroAlt { get; set; }
    public string? HeroCaption { get; set; }
    public string? HeroCredit { get; set; }
    public int? HeroWidth { get; set; }
    public int? HeroHeight { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    /// <summary>"public" or "members"; a form without the field (an old page still open) leaves the story as it is.</summary>
    public string? Access { get; set; }

    public sealed class CreditRow
    {
        public string? Role { get; set; }
        public string? Name { get; set; }
        public string? Author { get; set; }
        /// <summary>"person" or "organization"; the select always sends one, so it does not make a row filled in.</summary>
        public string? Kind { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Author);
    }

    public ArticleInput ToInput() => new()
    {
        Headline = Headline ?? "",
        // Left blank, a new story takes its slug from the headline and an existing one keeps its own.
        Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim(),
        Standfirst = Standfirst ?? "",
        Body = (Body ?? "").Replace("\r\n", "\n"),
        Section = Section ?? "",
        AlsoIn = AlsoIn.Where(s => !string.IsNullOrWhiteSpace(s)).Where(s => s != Section).Distinct().ToList(),
        Bylines = Bylines.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b!.Trim()).ToList(),
        Credits = Credits.Where(c => !c.IsBlank)
            .Select(c => new CreditInput(c.Role?.Trim(), c.Name?.Trim(), string.IsNullOrWhiteSpace(c.Author) ? null : c.Author.Trim(), c.Kind)).ToList(),
        Tags = SplitTags(Tags),
        HeroImage = new HeroImageInput(HeroUrl?.Trim(), HeroAlt, HeroCaption, HeroCredit, HeroWidth, HeroHeight),
        SeoTitle = SeoTitle ?? "",
        SeoDescription = SeoDescription ?? "",
        Access = Access,
    };

    public static List<string> SplitTags(string? tags) =>
        (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The story as its writer goes on from: its pending changes when it has some, otherwise the story itself.</summary>
    public static StoryForm From(Article a) => From(a.Pending?.Content ?? ArticleSnapshot.Of(a), a.Version, a.Pending?.Version ?? 0);

    public static StoryForm From(ArticleSnapshot s, int version, int pendingVersion) => new()
    {
        Version = version,
        PendingVersion = pendingVersion,
        Headline = s.Headline,
        Slug = s.Slug,
        Standfirst = s.Standfirst,
        Body = s.Body,
        Section = s.Section,
        AlsoIn = [.. s.AlsoIn],
        Bylines = [.. s.Bylines],
        Credits = s.Credits.Select(c => new CreditRow { Role = c.Role, Name = c.Name, Author = c.Author, Kind = c.Kind }).ToList(),
        Tags = string.Join(", ", s.Tags),
        HeroUrl = s.HeroImage?.Url,
        HeroAlt = s.HeroImage?.Alt,
        HeroCaption = s.HeroImage?.Caption,
        HeroCredit = s.HeroImage?.Credit,
        HeroWidth = s.HeroImage?.Width,
        HeroHeight = s.HeroImage?.Height,
        SeoTitle = s.SeoTitle,
        SeoDescription = s.SeoDescription,
        Access = s.Access ?? StoryAccessNames.Public,
    };

    /// <summary>Pads the repeating rows with blanks, so there is always room to add one more without script.</summary>
    public StoryForm WithSpareRows(int bylines = 2, int credits = 2)
    {
        while (Bylines.Count(b => string.IsNullOrWhiteSpace(b)) < bylines) Bylines.Add(null);
        while (Credits.Count(c => c.IsBlank) < credits) Credits.Add(new CreditRow());
        return this;
    }

    public int WordCount => WordCounter.Count(Body);
}

/// <summary>Words a reader reads: Markdown markers and block fences are not words.</summary>
public static partial class WordCounter
{
    public const int WordsPerMinute = 230;

    public static int Count(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? 0 : Words().Matches(Markup().Replace(markdown, " ")).Count;

    public static int MinutesToRead(int words) => Math.Max(1, (int)Math.Round(words / (double)WordsPerMinute));

    [GeneratedRegex(@"^:::\S*.*$|[#>*_`\[\]()!-]{1,}|https?://\S+", RegexOptions.Multiline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’]*")]
    private static partial Regex Words();
}
