using Ganss.Xss;
using Markdig;

namespace Masthead.Core.Body;

/// <summary>Turns a body's Markdown source into HTML that is safe to show readers.</summary>
public sealed class BodyRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseAutoLinks()
        .UseCustomContainers()
        .Use<BodyMarkdownExtension>()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public string Render(string markdown)
    {
        var html = Markdown.ToHtml(markdown ?? "", _pipeline);
        return Sanitize(html);
    }

    /// <summary>Every HTML that reaches a reader passes through here: no script, handler or javascript: URL survives.</summary>
    public string Sanitize(string html) => _sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(HtmlSanitizerDefaults.AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(HtmlSanitizerDefaults.AllowedAttributes, StringComparer.OrdinalIgnoreCase) { "id", "class", "loading", "decoding" },
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(HtmlSanitizerDefaults.UriAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        foreach (var tag in new[] { "form", "input", "button", "select", "option", "textarea", "style" }) options.AllowedTags.Remove(tag);
        options.AllowedAttributes.Remove("style");
        var sanitizer = new HtmlSanitizer(options);
        // Browsers read a backslash in an address as a slash, so "/\host" leads to another site: such links are dropped.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is { } url && (url.Contains('\\') || url.Contains("%5c", StringComparison.OrdinalIgnoreCase) && url.StartsWith('/'))) e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "img" } img)
            {
                img.SetAttribute("loading", "lazy");
                img.SetAttribute("decoding", "async");
            }
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a && a.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                a.SetAttribute("rel", "noopener nofollow external");
            }
        };
        return sanitizer;
    }
}
