using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Masthead.Web.PublicSite.Meta;

// schema.org vocabulary as typed records; JsonLd.Serialize adds the @context to the top node.
// Properties typed `object` take a Person or an Organization and are written with their runtime type.

public record NewsArticleLd
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public virtual string Type => "NewsArticle";
    public required string Headline { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ImageObjectLd>? Image { get; init; }
    public required string DatePublished { get; init; }
    public required string DateModified { get; init; }
    public required IReadOnlyList<object> Author { get; init; }
    public IReadOnlyList<RoleLd>? Contributor { get; init; }
    public required NewsMediaOrganizationLd Publisher { get; init; }
    public required string MainEntityOfPage { get; init; }
    public required string Url { get; init; }
    public required string ArticleSection { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public required string InLanguage { get; init; }
    public bool IsAccessibleForFree { get; init; } = true;
    /// <summary>For a members-only story: where on the page the part for members is, as search engines ask of paywalled text.</summary>
    public WebPageElementLd? HasPart { get; init; }
    public IReadOnlyList<CorrectionCommentLd>? Correction { get; init; }
}

/// <summary>A part of the page; here, the members-only part of a story.</summary>
public sealed record WebPageElementLd(bool IsAccessibleForFree, string CssSelector)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "WebPageElement";
}

/// <summary>A live blog: the story's description plus its coverage period and latest entries.</summary>
public sealed record LiveBlogPostingLd : NewsArticleLd
{
    [SetsRequiredMembers]
    public LiveBlogPostingLd(NewsArticleLd article) : base(article) { }

    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public override string Type => "LiveBlogPosting";
    public string CoverageStartTime { get; init; } = "";
    public string? CoverageEndTime { get; init; }
    public IReadOnlyList<BlogPostingLd> LiveBlogUpdate { get; init; } = [];
}

public sealed record BlogPostingLd(string Headline, string ArticleBody, string DatePublished, string DateModified, string Url)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "BlogPosting";
}

public sealed record PersonLd(string Name, string? Url = null)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "Person";
    public string? Description { get; init; }
    public string? Image { get; init; }
    public IReadOnlyList<string>? SameAs { get; init; }
}

public sealed record OrganizationLd(string Name, string? Url = null)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "Organization";
}

public sealed record NewsMediaOrganizationLd(string Name, string Url, ImageObjectLd? Logo)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "NewsMediaOrganization";
}

/// <summary>A credit ("Pictures: Northlight Studios"): schema.org's Role wraps the contributor to say what they did.</summary>
public sealed record RoleLd(string RoleName, object Contributor)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "Role";
}

/// <summary>A picture; <paramref name="CreditText"/> is its credit line as readers see it (who took or owns it).</summary>
public sealed record ImageObjectLd(string Url, int? Width = null, int? Height = null, string? Caption = null, string? CreditText = null)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "ImageObject";
}

public sealed record CorrectionCommentLd(string Text, string DatePublished)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "CorrectionComment";
}

public sealed record BreadcrumbListLd(IReadOnlyList<ListItemLd> ItemListElement)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "BreadcrumbList";
}

public sealed record ListItemLd(int Position, string Name, string Item)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "ListItem";
}

public sealed record WebSiteLd(string Name, string Url, string InLanguage, string? Description, NewsMediaOrganizationLd Publisher, SearchActionLd PotentialAction)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "WebSite";
}

public sealed record SearchActionLd(EntryPointLd Target)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "SearchAction";
    [JsonPropertyName("query-input")] public string QueryInput => "required name=search_term_string";
}

public sealed record EntryPointLd(string UrlTemplate)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "EntryPoint";
}

public sealed record ProfilePageLd(string Url, PersonLd MainEntity)
{
    [JsonPropertyName("@type"), JsonPropertyOrder(-1)] public string Type => "ProfilePage";
}

public static class JsonLd
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Any text may stay readable, but <, >, & and quotes are always written as \u003C…: a headline containing
        // "</script>" cannot end the script element it sits in.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The node as JSON-LD, safe to place inside &lt;script type="application/ld+json"&gt;.</summary>
    public static string Serialize(object node)
    {
        var body = JsonSerializer.SerializeToNode(node, node.GetType(), Options)!.AsObject();
        var document = new JsonObject { ["@context"] = "https://schema.org" };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            document[key] = value;
        }
        return document.ToJsonString(Options);
    }
}
