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

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer(prefixIds: false);
    private readonly HtmlSanitizer _bodySanitizer = CreateSanitizer(prefixIds: true);

    /// <summary>
    /// The body's HTML, sanitized, with every id moved under <see cref="IdPrefix"/> (heading anchors included) and
    /// the body's own "#…" links following them, so a body cannot plant a second #main or take over the page's ids.
    /// </summary>
    public string Render(string markdown) => Render(markdown, NoEmbedPictures.None);

    /// <summary>As <see cref="Render(string)"/>, with the stored stills of the body's videos (<see cref="IEmbedPictures"/>) on their cards.</summary>
    public string Render(string markdown, IReadOnlyDictionary<string, EmbedPicture> pictures)
    {
        var document = Markdown.Parse(markdown ?? "", _pipeline);
        document.SetData(BodyMarkdownExtension.PicturesKey, pictures);
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return _bodySanitizer.Sanitize(writer.ToString());
    }

    /// <summary>The start of every id in a rendered body; the page's own ids never start with it.</summary>
    public const string IdPrefix = "body-";

    /// <summary>
    /// Every HTML that reaches a reader passes through here: no script, handler or javascript: URL survives, and
    /// of the class names only Masthead's own (<see cref="BodyClasses"/>) are kept. Ids are left as they are, so
    /// sanitizing a rendered body again (for a feed) does not prefix them twice.
    /// </summary>
    public string Sanitize(string html) => _sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer(bool prefixIds)
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(HtmlSanitizerDefaults.AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(HtmlSanitizerDefaults.AllowedAttributes, StringComparer.OrdinalIgnoreCase) { "id", "class", "loading", "decoding", "aria-label" },
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
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                BodyClasses.Filter(element);
                if (prefixIds) PrefixIds(element);
            }
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

    // Ids are namespaced rather than dropped: headings keep working anchors, and links to them inside the body
    // follow. Other attributes that name ids (label for, headers, usemap) are left alone: they can only point at
    // the body's own, now prefixed, ids or at nothing.
    private static void PrefixIds(AngleSharp.Dom.IElement element)
    {
        if (element.GetAttribute("id") is { Length: > 0 } id) element.SetAttribute("id", IdPrefix + id);
        if (element.LocalName == "a" && element.GetAttribute("href") is { Length: > 1 } href && href[0] == '#')
            element.SetAttribute("href", "#" + IdPrefix + href[1..]);
    }
}
