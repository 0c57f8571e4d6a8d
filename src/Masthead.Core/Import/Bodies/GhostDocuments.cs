using System.Net;
using System.Text;
using System.Text.Json;

namespace Masthead.Core.Import.Bodies;

/// <summary>
/// Ghost's editor documents (Lexical since Ghost 5, Mobiledoc before) rendered to the HTML of Ghost's own cards,
/// which <see cref="HtmlToBody"/> then maps. Used when a post carries no rendered html of its own.
/// A node type this does not know keeps its text inside a marked element, and the report names it.
/// </summary>
public static class GhostDocuments
{
    public static string LexicalToHtml(string json, BodyContext context)
    {
        using var document = JsonDocument.Parse(json);
        var html = new StringBuilder();
        if (document.RootElement.TryGetProperty("root", out var root)) Children(root, html, context);
        return html.ToString();
    }

    private static void Children(JsonElement node, StringBuilder html, BodyContext context)
    {
        if (!node.TryGetProperty("children", out var children) || children.ValueKind != JsonValueKind.Array) return;
        foreach (var child in children.EnumerateArray()) Lexical(child, html, context);
    }

    private static string Str(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static void Lexical(JsonElement node, StringBuilder html, BodyContext context)
    {
        // Ghost 5's own editor writes "extended-text", "extended-heading", "extended-quote" for the plain Lexical nodes.
        var type = Str(node, "type") is var raw && raw.StartsWith("extended-", StringComparison.Ordinal) ? raw["extended-".Length..] : Str(node, "type");
        switch (type)
        {
            case "paragraph": Wrap("p"); break;
            case "heading": Wrap(Str(node, "tag") is { Length: 2 } level && level[0] == 'h' ? level : "h2"); break;
            case "quote": Wrap("blockquote"); break;
            case "aside": html.Append("<blockquote class=\"kg-blockquote-alt\">"); Children(node, html, context); html.Append("</blockquote>"); break;
            case "list": Wrap(Str(node, "listType") == "number" ? "ol" : "ul"); break;
            case "listitem": Wrap("li"); break;
            case "link" or "autolink":
                html.Append($"<a href=\"{E(Str(node, "url"))}\">");
                Children(node, html, context);
                html.Append("</a>");
                break;
            case "linebreak": html.Append("<br>"); break;
            case "text" or "extended-text":
                var format = node.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : 0;
                var text = E(Str(node, "text"));
                (int Bit, string Tag)[] marks = [(16, "code"), (64, "sup"), (32, "sub"), (4, "s"), (8, "u"), (2, "em"), (1, "strong")];
                foreach (var (bit, tag) in marks) if ((format & bit) != 0) text = $"<{tag}>{text}</{tag}>";
                html.Append(text);
                break;
            case "horizontalrule": html.Append("<hr>"); break;
            case "codeblock":
                html.Append($"<pre><code class=\"language-{E(Str(node, "language"))}\">{E(Str(node, "code"))}</code></pre>");
                break;
            case "image":
                html.Append($"<figure class=\"kg-card kg-image-card\"><img src=\"{E(Str(node, "src"))}\" alt=\"{E(Str(node, "alt"))}\">");
                if (Str(node, "caption") is { Length: > 0 } caption) html.Append($"<figcaption>{caption}</figcaption>");
                html.Append("</figure>");
                break;
            case "gallery":
                html.Append("<figure class=\"kg-card kg-gallery-card\">");
                if (node.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
                    foreach (var image in images.EnumerateArray())
                    {
                        html.Append($"<figure><img src=\"{E(Str(image, "src"))}\" alt=\"{E(Str(image, "alt"))}\">");
                        if (Str(image, "caption") is { Length: > 0 } c) html.Append($"<figcaption>{c}</figcaption>");
                        html.Append("</figure>");
                    }
                if (Str(node, "caption") is { Length: > 0 } galleryCaption) html.Append($"<figcaption>{galleryCaption}</figcaption>");
                html.Append("</figure>");
                break;
            case "embed":
                var embedHtml = Str(node, "html");
                html.Append("<figure class=\"kg-card kg-embed-card\">");
                // The provider's own markup (a tweet's blockquote, a player's iframe) says the most; otherwise the address alone.
                html.Append(embedHtml.Contains("<blockquote", StringComparison.OrdinalIgnoreCase) || embedHtml.Contains("<iframe", StringComparison.OrdinalIgnoreCase)
                    ? embedHtml : $"<div class=\"wp-block-embed__wrapper\">{E(Str(node, "url"))}</div>");
                if (Str(node, "caption") is { Length: > 0 } embedCaption) html.Append($"<figcaption>{embedCaption}</figcaption>");
                html.Append("</figure>");
                break;
            case "bookmark":
                var title = node.TryGetProperty("metadata", out var meta) ? Str(meta, "title") : "";
                html.Append($"<figure class=\"kg-card kg-bookmark-card\"><a class=\"kg-bookmark-container\" href=\"{E(Str(node, "url"))}\"><div class=\"kg-bookmark-title\">{E(title)}</div></a></figure>");
                break;
            case "html": html.Append(Str(node, "html")); break;
            case "markdown": html.Append(Markdig.Markdown.ToHtml(Str(node, "markdown"))); break;
            case "callout":
                html.Append($"<div class=\"kg-card kg-callout-card\"><div class=\"kg-callout-text\">{Str(node, "calloutText")}</div></div>");
                break;
            default:
                context.Kept($"a Ghost \"{type}\" card");
                html.Append($"<div class=\"ghost-{E(type)}\">");
                if (node.TryGetProperty("children", out _)) Children(node, html, context);
                else html.Append(E(string.Join(' ', StringValues(node))));
                html.Append("</div>");
                break;
        }

        void Wrap(string tag)
        {
            html.Append('<').Append(tag).Append('>');
            Children(node, html, context);
            html.Append("</").Append(tag).Append('>');
        }
    }

    private static IEnumerable<string> StringValues(JsonElement node) =>
        node.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Name is not ("type" or "version")).Select(p => p.Value.GetString() ?? "");

    public static string MobiledocToHtml(string json, BodyContext context)
    {
        using var document = JsonDocument.Parse(json);
        var doc = document.RootElement;
        var markups = doc.TryGetProperty("markups", out var m) ? m.EnumerateArray().ToList() : [];
        var cards = doc.TryGetProperty("cards", out var c) ? c.EnumerateArray().ToList() : [];
        var atoms = doc.TryGetProperty("atoms", out var a) ? a.EnumerateArray().ToList() : [];
        var html = new StringBuilder();
        if (!doc.TryGetProperty("sections", out var sections)) return "";
        foreach (var section in sections.EnumerateArray())
        {
            var kind = section[0].GetInt32();
            switch (kind)
            {
                case 1: // markup section: [1, tag, markers]
                    var tag = section[1].GetString()?.ToLowerInvariant() ?? "p";
                    if (tag is "pull-quote" or "aside") html.Append("<blockquote class=\"kg-blockquote-alt\">");
                    else html.Append('<').Append(tag).Append('>');
                    Markers(section[2], html, markups, atoms);
                    html.Append(tag is "pull-quote" or "aside" ? "</blockquote>" : $"</{tag}>");
                    break;
                case 3: // list section: [3, "ul"|"ol", [markers per item]]
                    var list = section[1].GetString() == "ol" ? "ol" : "ul";
                    html.Append('<').Append(list).Append('>');
                    foreach (var item in section[2].EnumerateArray()) { html.Append("<li>"); Markers(item, html, markups, atoms); html.Append("</li>"); }
                    html.Append("</").Append(list).Append('>');
                    break;
                case 2: // image section: [2, src]
                    html.Append($"<figure><img src=\"{E(section[1].GetString() ?? "")}\" alt=\"\"></figure>");
                    break;
                case 10: // card section: [10, index]
                    var card = cards[section[1].GetInt32()];
                    var name = card[0].GetString() ?? "";
                    var payload = card.GetArrayLength() > 1 ? card[1] : default;
                    var lexicalShape = new StringBuilder("{\"root\":{\"children\":[");
                    using (var stream = new MemoryStream())
                    {
                        // Mobiledoc cards carry the same payloads as Lexical's card nodes: render them the same way.
                        using (var writer = new Utf8JsonWriter(stream))
                        {
                            writer.WriteStartObject();
                            writer.WriteString("type", name switch { "hr" => "horizontalrule", "code" => "codeblock", _ => name });
                            if (payload.ValueKind == JsonValueKind.Object)
                                foreach (var property in payload.EnumerateObject()) property.WriteTo(writer);
                            writer.WriteEndObject();
                        }
                        lexicalShape.Append(Encoding.UTF8.GetString(stream.ToArray()));
                    }
                    lexicalShape.Append("]}}");
                    html.Append(LexicalToHtml(lexicalShape.ToString(), context));
                    break;
            }
        }
        return html.ToString();
    }

    private static void Markers(JsonElement markers, StringBuilder html, List<JsonElement> markups, List<JsonElement> atoms)
    {
        var open = new Stack<string>();
        foreach (var marker in markers.EnumerateArray())
        {
            // [type, openedMarkupIndexes, closedCount, value]: type 0 is text, 1 an atom (its text is used).
            foreach (var index in marker[1].EnumerateArray())
            {
                var markup = markups[index.GetInt32()];
                var tag = markup[0].GetString()?.ToLowerInvariant() ?? "span";
                html.Append('<').Append(tag);
                if (markup.GetArrayLength() > 1)
                {
                    var attributes = markup[1].EnumerateArray().Select(x => x.GetString() ?? "").ToList();
                    for (var i = 0; i + 1 < attributes.Count; i += 2) html.Append($" {E(attributes[i])}=\"{E(attributes[i + 1])}\"");
                }
                html.Append('>');
                open.Push(tag);
            }
            var value = marker[0].GetInt32() == 1 && atoms.Count > marker[3].GetInt32() ? atoms[marker[3].GetInt32()][1].GetString() : marker[3].ValueKind == JsonValueKind.String ? marker[3].GetString() : "";
            html.Append(E(value ?? ""));
            for (var i = marker[2].GetInt32(); i > 0 && open.Count > 0; i--) html.Append("</").Append(open.Pop()).Append('>');
        }
        while (open.Count > 0) html.Append("</").Append(open.Pop()).Append('>');
    }
}
