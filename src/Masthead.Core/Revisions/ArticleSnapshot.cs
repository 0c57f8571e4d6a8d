using System.Text.Json;
using Masthead.Core.Articles;

namespace Masthead.Core.Revisions;

/// <summary>
/// Every field a writer can change, by value (section paths, author and tag names rather than ids), so a
/// revision still makes sense after the things it names are renamed, and can be turned back into an input.
/// <see cref="Access"/> is null in revisions saved before stories had one (they were public).
/// </summary>
public sealed record ArticleSnapshot(
    string Headline, string Slug, string Standfirst, string Body, string Section, IReadOnlyList<string> AlsoIn,
    IReadOnlyList<string> Bylines, IReadOnlyList<CreditInput> Credits, IReadOnlyList<string> Tags,
    HeroImageInput? HeroImage, string? SeoTitle, string? SeoDescription, string? Access = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Needs the article loaded with its sections, bylines, credits and tags.</summary>
    public static ArticleSnapshot Of(Article a) => new(
        a.Headline, a.Slug, a.Standfirst, a.BodyMarkdown, a.PrimarySection?.Path ?? "",
        a.SecondarySections.Select(s => s.Section?.Path ?? "").Where(p => p.Length > 0).Order(StringComparer.Ordinal).ToList(),
        a.Bylines.OrderBy(b => b.Position).Select(b => b.Author?.Slug ?? "").ToList(),
        a.Credits.OrderBy(c => c.Position).Select(c => new CreditInput(c.Role, c.Name, c.Author?.Slug, CreditKindNames.Of(c.Kind))).ToList(),
        a.Tags.Select(t => t.Tag?.Name ?? "").Order(StringComparer.OrdinalIgnoreCase).ToList(),
        a.HeroImage is { } h ? new HeroImageInput(h.Url, h.Alt, h.Caption, h.Credit, h.Width, h.Height) : null,
        a.SeoTitle, a.SeoDescription, StoryAccessNames.Of(a.Access));

    /// <summary>A snapshot of what a form or API call would save (absent values as empty), to compare with another.</summary>
    public static ArticleSnapshot Of(ArticleInput input) => new(
        input.Headline ?? "", input.Slug ?? "", input.Standfirst ?? "", input.Body ?? "", input.Section ?? "",
        input.AlsoIn ?? [], input.Bylines ?? [], input.Credits ?? [], input.Tags ?? [], input.HeroImage, input.SeoTitle, input.SeoDescription,
        input.Access);

    /// <summary>The name of the body among <see cref="Fields"/>; history and reviews show it as a line diff instead.</summary>
    public const string BodyField = "Body";

    /// <summary>
    /// Every field as people read it, named and in the editor's order: the one list the history, the review of pending
    /// changes and the edit conflict compare, so a field added here shows in all three.
    /// </summary>
    public IReadOnlyList<(string Name, string Text)> Fields() =>
    [
        ("Headline", Headline),
        ("Slug", Slug),
        ("Standfirst", Standfirst),
        (BodyField, Body),
        ("Section", Section),
        ("Also in", Join(AlsoIn)),
        ("Bylines", Join(Bylines)),
        ("Credits", Join(Credits.Select(c => $"{c.Role}: {c.Name}{(c.Author is null ? "" : $" ({c.Author})")}{KindNote(c.Kind)}"))),
        ("Tags", Join(Tags)),
        ("Hero image", HeroImage is not { } h || string.IsNullOrWhiteSpace(h.Url) ? "" : $"{h.Url} (alt: {h.Alt}; caption: {h.Caption}; credit: {h.Credit})"),
        ("SEO title", SeoTitle ?? ""),
        ("SEO description", SeoDescription ?? ""),
        ("Who can read it", Access ?? StoryAccessNames.Public),
    ];

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    // Snapshots from before credits had a kind say none; they read as they always did.
    private static string KindNote(string? kind) => CreditKindNames.Parse(kind) switch
    {
        CreditKind.Person => " [person]",
        CreditKind.Organization => " [organisation]",
        _ => "",
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ArticleSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ArticleSnapshot>(json, Json) ?? throw new InvalidDataException("An empty revision snapshot.");

    /// <summary>The input that puts an article back exactly as this snapshot shows it.</summary>
    public ArticleInput ToInput() => new()
    {
        Headline = Headline, Slug = Slug, Standfirst = Standfirst, Body = Body, Section = Section, AlsoIn = [.. AlsoIn],
        Bylines = [.. Bylines], Credits = [.. Credits], Tags = [.. Tags],
        // An empty hero input removes the image, so restoring a revision without one really has none.
        HeroImage = HeroImage ?? new HeroImageInput(null, null, null, null, null, null),
        SeoTitle = SeoTitle ?? "", SeoDescription = SeoDescription ?? "",
        // Revisions from before stories had an access were all public.
        Access = Access ?? StoryAccessNames.Public,
    };
}
