using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Masthead.Core.Body;

namespace Masthead.Core.Import.Bodies;

/// <summary>What a conversion needs to know about the story it converts and where to tell what it could not map.</summary>
public sealed class BodyContext(string item, ImportReport report, Func<string, string>? imageUrl = null)
{
    public string Item { get; } = item;
    public ImportReport Report { get; } = report;
    /// <summary>Every image address met, as in the source (the media phase collects these).</summary>
    public List<string> Images { get; } = [];

    /// <summary>The address an image has after the import: a library picture, or its old address.</summary>
    public string Image(string url)
    {
        Images.Add(url);
        return imageUrl?.Invoke(url) ?? url;
    }

    public void Kept(string what) => Report.KeptAsHtml.Add(new ImportNote(Item, "body", what));
}

/// <summary>
/// Turns HTML (WordPress blocks or classic posts, Ghost cards, and what Lexical and Mobiledoc are rendered to)
/// into Masthead's body format: Markdown with the pull quote, figure and embed extensions. It works on the
/// parsed tree (AngleSharp), recognising WordPress and Ghost markup by their classes. An element without an
/// equivalent is kept as sanitized HTML and named in the report; scripts and styles are removed and reported.
/// </summary>
public sealed partial class HtmlToBody(BodyRenderer renderer)
{
    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> InlineTags =
    [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "u", "var", "wbr", "font",
    ];

    // Inline elements whose meaning Markdown has no mark for; they stay as (sanitized) inline HTML.
    private static readonly HashSet<string> KeptInline = ["abbr", "kbd", "q", "samp", "small", "u", "dfn", "var", "cite", "time", "data", "ins", "bdi", "bdo"];

    public string Convert(string html, BodyContext context)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var output = new List<string>();
        Blocks(document.Body!, output, context);
        return string.Join("\n\n", output.Where(b => b.Length > 0)).Trim() + "\n";
    }

    private void Blocks(INode parent, List<string> output, BodyContext context)
    {
        var inline = new List<INode>();
        void Flush()
        {
            if (inline.Count == 0) return;
            // Classic WordPress posts separate paragraphs with blank lines rather than <p>.
            foreach (var paragraph in ParagraphsOf(inline, context)) output.Add(paragraph);
            inline.Clear();
        }
        foreach (var node in parent.ChildNodes)
        {
            if (node is IText || (node is IElement e && InlineTags.Contains(e.LocalName)))
            {
                inline.Add(node);
                continue;
            }
            Flush();
            if (node is IElement element) Block(element, output, context);
        }
        Flush();
    }

    private IEnumerable<string> ParagraphsOf(List<INode> nodes, BodyContext context)
    {
        var text = Inline(nodes, context);
        foreach (var part in BlankLines().Split(text))
        {
            var paragraph = part.Trim();
            if (paragraph.Length == 0) continue;
            // A URL alone on its line is an embed in WordPress and Ghost alike.
            if (LoneUrl().IsMatch(paragraph) && IsEmbeddable(paragraph.Replace("\\", ""))) yield return Embed(paragraph.Replace("\\", ""), null);
            else yield return paragraph;
        }
    }

    private void Block(IElement element, List<string> output, BodyContext context)
    {
        var name = element.LocalName;
        switch (name)
        {
            case "p":
                if (SoleImage(element) is { } image) { output.Add(Figure([image], null, context)); return; }
                foreach (var paragraph in ParagraphsOf([.. element.ChildNodes], context)) output.Add(paragraph);
                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var level = Math.Max(2, name[1] - '0');
                var heading = Inline([.. element.ChildNodes], context).Replace("\n", " ").Trim();
                if (heading.Length > 0) output.Add(new string('#', level) + " " + heading);
                return;
            case "ul" or "ol":
                output.Add(List(element, context, 0));
                return;
            case "blockquote":
                output.Add(Quote(element, context));
                return;
            case "pre":
                output.Add(Code(element));
                return;
            case "hr":
                output.Add("---");
                return;
            case "table":
                output.Add(Table(element, null, context));
                return;
            case "img":
                output.Add(Figure([element], null, context));
                return;
            case "figure":
                Figure(element, output, context);
                return;
            case "iframe":
                output.Add(IframeEmbed(element, context));
                return;
            case "script" or "style" or "noscript" or "template":
                context.Report.Warn(context.Item, "body", $"a <{name}> element was removed (no script or style reaches readers).");
                return;
            case "aside" when element.ClassList.Contains("kg-card") is false && element.ClassList.Contains("pullquote"):
                output.Add(PullQuote(element, context));
                return;
            case "div" or "section" or "article" or "main" or "header" or "footer" or "center" or "body" or "span":
                Container(element, output, context);
                return;
            default:
                if (InlineTags.Contains(name)) { output.Add(Figure([element], null, context)); return; }
                output.Add(Keep(element, context));
                return;
        }
    }

    private void Container(IElement element, List<string> output, BodyContext context)
    {
        var classes = element.ClassList;
        if (classes.Contains("kg-callout-card") || classes.Contains("kg-toggle-card") || classes.Contains("kg-button-card")
            || classes.Contains("kg-product-card") || classes.Contains("kg-file-card") || classes.Contains("kg-audio-card")
            || classes.Contains("kg-video-card") || classes.Contains("kg-header-card") || classes.Contains("kg-signup-card"))
        {
            output.Add(Keep(element, context));
            return;
        }
        if (classes.Contains("kg-bookmark-card") || element.QuerySelector(".kg-bookmark-container") is not null && classes.Contains("kg-card"))
        {
            output.Add(Bookmark(element, context));
            return;
        }
        // Layout wrappers (WordPress groups and columns, unclassed divs) carry no meaning of their own: their content is kept.
        Blocks(element, output, context);
    }

    private void Figure(IElement figure, List<string> output, BodyContext context)
    {
        var classes = figure.ClassList;
        var caption = figure.QuerySelector(":scope > figcaption") is { } fc ? Inline([.. fc.ChildNodes], context).Trim() : null;
        if (classes.Contains("wp-block-pullquote") || classes.Contains("kg-pullquote"))
        {
            output.Add(PullQuote(figure, context));
            return;
        }
        if (classes.Contains("wp-block-embed") || classes.Contains("kg-embed-card") || figure.QuerySelector(".wp-block-embed__wrapper") is not null)
        {
            output.Add(EmbedFigure(figure, caption, context));
            return;
        }
        if (classes.Contains("kg-bookmark-card"))
        {
            output.Add(Bookmark(figure, context));
            return;
        }
        if (classes.Contains("wp-block-gallery") || classes.Contains("kg-gallery-card") || classes.Contains("gallery"))
        {
            // A gallery becomes one figure per picture, each with its own caption; the gallery's caption follows the last.
            var items = figure.QuerySelectorAll("img").ToList();
            foreach (var img in items)
            {
                var ownCaption = img.Closest("figure") is { } f && f != figure && f.QuerySelector("figcaption") is { } c ? Inline([.. c.ChildNodes], context).Trim() : null;
                output.Add(Figure([img], img == items[^1] ? Join(ownCaption, caption) : ownCaption, context));
            }
            return;
        }
        if (figure.QuerySelector("table") is { } table)
        {
            output.Add(Table(table, caption, context));
            return;
        }
        if (figure.QuerySelector("blockquote") is { } quote && figure.QuerySelector("img") is null)
        {
            output.Add(Quote(quote, context, caption));
            return;
        }
        if (figure.QuerySelector("pre") is { } pre && figure.QuerySelector("img") is null)
        {
            output.Add(Code(pre));
            if (caption is { Length: > 0 }) output.Add(caption);
            return;
        }
        if (figure.QuerySelector("iframe") is { } iframe)
        {
            output.Add(IframeEmbed(iframe, context, caption));
            return;
        }
        var images = figure.QuerySelectorAll("img").ToList();
        if (images.Count > 0)
        {
            output.Add(Figure(images, caption, context));
            return;
        }
        output.Add(Keep(figure, context));
    }

    private string Figure(List<IElement> images, string? caption, BodyContext context)
    {
        var text = new StringBuilder(":::figure\n");
        foreach (var img in images)
        {
            var src = img.GetAttribute("src") ?? "";
            if (src.Length == 0) continue;
            var alt = EscapeText(img.GetAttribute("alt") ?? "").Replace("\n", " ");
            var image = $"![{alt}]({Destination(context.Image(src))})";
            // A picture that links somewhere other than itself keeps its link.
            if (img.ParentElement is { LocalName: "a" } link && link.GetAttribute("href") is { Length: > 0 } href && !IsSameImage(href, src))
                image = $"[{image}]({Destination(href)})";
            text.Append(image).Append('\n');
        }
        if (caption is { Length: > 0 }) text.Append(caption.Replace("\n", " ")).Append('\n');
        return text.Append(":::").ToString();
    }

    // WordPress and Ghost link a picture to its own file; that link adds nothing once the picture is in the page.
    private static bool IsSameImage(string href, string src) =>
        href == src || ImageFile().IsMatch(href);

    private string PullQuote(IElement element, BodyContext context)
    {
        var quote = element.QuerySelector("blockquote") ?? element;
        var cite = quote.QuerySelector("cite");
        cite?.Remove();
        var paragraphs = new List<string>();
        Blocks(quote, paragraphs, context);
        var text = new StringBuilder(":::pullquote\n");
        text.Append(string.Join("\n\n", paragraphs)).Append('\n');
        if (cite is not null && Inline([.. cite.ChildNodes], context).Trim() is { Length: > 0 } source) text.Append("\n— ").Append(source).Append('\n');
        return text.Append(":::").ToString();
    }

    private string Quote(IElement quote, BodyContext context, string? attribution = null)
    {
        var classes = quote.ClassList;
        if (classes.Contains("twitter-tweet") || classes.Contains("instagram-media") || classes.Contains("tiktok-embed")
            || classes.Contains("bluesky-embed") || classes.Contains("mastodon-embed") || classes.Contains("threads-embed"))
            return SocialEmbed(quote, context);
        // Ghost's second quote style is its pull quote.
        if (classes.Contains("kg-blockquote-alt")) return PullQuote(quote, context);
        var cite = quote.QuerySelector("cite") ?? quote.QuerySelector("footer");
        var source = attribution;
        if (cite is not null)
        {
            source ??= Inline([.. cite.ChildNodes], context).Trim().TrimStart('—', '-', '―', ' ');
            cite.Remove();
        }
        var inner = new List<string>();
        Blocks(quote, inner, context);
        if (source is { Length: > 0 }) inner.Add("— " + source.Replace("\n", " "));
        return string.Join("\n>\n", inner.Select(block => string.Join('\n', block.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l))));
    }

    private string SocialEmbed(IElement quote, BodyContext context)
    {
        // Twitter's and Instagram's embed code is a blockquote with the post's text and a last link to the post itself.
        var links = quote.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        var url = quote.GetAttribute("data-instgrm-permalink") ?? quote.GetAttribute("cite")
            ?? links.LastOrDefault(l => l.Contains("/status/", StringComparison.Ordinal) || l.Contains("/p/", StringComparison.Ordinal) || l.Contains("/post/", StringComparison.Ordinal))
            ?? links.LastOrDefault();
        var paragraph = quote.QuerySelector("p");
        var text = paragraph is null ? null : Inline([.. paragraph.ChildNodes], context).Replace("\n", " ").Trim();
        if (url is null)
        {
            context.Report.Warn(context.Item, "body", "an embedded post without a link to it was kept as a quote.");
            return text is null ? "" : "> " + text;
        }
        return Embed(url, text);
    }

    private string EmbedFigure(IElement figure, string? caption, BodyContext context)
    {
        if (figure.QuerySelector("blockquote") is { } social) return SocialEmbed(social, context);
        var url = figure.QuerySelector(".wp-block-embed__wrapper")?.TextContent.Trim();
        if (string.IsNullOrEmpty(url) && figure.QuerySelector("iframe") is { } iframe) return IframeEmbed(iframe, context, caption);
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            return Keep(figure, context);
        return Embed(url, caption);
    }

    private string IframeEmbed(IElement iframe, BodyContext context, string? caption = null)
    {
        var src = iframe.GetAttribute("src") ?? "";
        if (src.StartsWith("//", StringComparison.Ordinal)) src = "https:" + src;
        if (!Uri.TryCreate(src, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            context.Report.Warn(context.Item, "body", "an <iframe> without an http(s) address was removed.");
            return caption ?? "";
        }
        // Player addresses become the video's own page, which is what the embed card links to.
        var page = YouTubeEmbed().Match(src) is { Success: true } yt ? $"https://www.youtube.com/watch?v={yt.Groups[1].Value}"
            : VimeoEmbed().Match(src) is { Success: true } vm ? $"https://vimeo.com/{vm.Groups[1].Value}"
            : src;
        if (EmbedProvider.Detect(new Uri(page)).Key == "link")
            context.Report.Warn(context.Item, "body", $"an <iframe> of {uri.Host} became a link card to {page} (frames are not shown to readers).");
        return Embed(page, caption ?? iframe.GetAttribute("title"));
    }

    private string Bookmark(IElement card, BodyContext context)
    {
        var link = card.QuerySelector("a[href]");
        var url = link?.GetAttribute("href");
        if (url is null) return Keep(card, context);
        var title = card.QuerySelector(".kg-bookmark-title")?.TextContent.Trim();
        return Embed(url, title);
    }

    private static string Embed(string url, string? text)
    {
        var block = new StringBuilder(":::embed ").Append(url.Trim()).Append('\n');
        if (text is { Length: > 0 }) block.Append(text.Replace("\n", " ")).Append('\n');
        return block.Append(":::").ToString();
    }

    private static bool IsEmbeddable(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && EmbedProvider.Detect(uri).Key != "link";

    private string List(IElement list, BodyContext context, int depth)
    {
        var ordered = list.LocalName == "ol";
        var start = ordered && int.TryParse(list.GetAttribute("start"), out var s) ? s : 1;
        var lines = new List<string>();
        var number = start;
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var marker = ordered ? $"{number++}. " : "- ";
            var indent = new string(' ', marker.Length);
            var inline = new List<INode>();
            var nested = new List<string>();
            foreach (var child in item.ChildNodes)
            {
                if (child is IElement { LocalName: "ul" or "ol" } sub) nested.Add(List(sub, context, depth + 1));
                else if (child is IElement { LocalName: "p" } p) { inline.AddRange(p.ChildNodes); inline.Add(p.Owner!.CreateTextNode(" ")); }
                else inline.Add(child);
            }
            var text = Inline(inline, context).Trim().Replace("\n\n", "\n").Replace("\n", "\n" + indent);
            lines.Add(marker + text);
            foreach (var sub in nested) lines.Add(string.Join('\n', sub.Split('\n').Select(l => indent + l)));
        }
        return string.Join('\n', lines);
    }

    private static string Code(IElement pre)
    {
        var code = pre.QuerySelector("code") ?? pre;
        var language = code.ClassList.Concat(pre.ClassList).Select(c => c.StartsWith("language-", StringComparison.Ordinal) ? c[9..] : c.StartsWith("lang-", StringComparison.Ordinal) ? c[5..] : null)
            .FirstOrDefault(l => l is not null) ?? "";
        var text = code.TextContent.TrimEnd('\n');
        var fence = text.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
        return $"{fence}{language}\n{text}\n{fence}";
    }

    private string Table(IElement table, string? caption, BodyContext context)
    {
        var rows = table.QuerySelectorAll("tr").ToList();
        var simple = rows.Count > 0
            && rows.All(r => r.Children.All(c => c.GetAttribute("colspan") is null or "1" && c.GetAttribute("rowspan") is null or "1"
                && !c.QuerySelectorAll("*").Any(d => !InlineTags.Contains(d.LocalName))))
            && rows.Select(r => r.Children.Length).Distinct().Count() == 1
            && table.QuerySelector("table") is null;
        if (!simple)
        {
            var kept = Keep(table, context, "a table with merged cells or block content");
            return caption is { Length: > 0 } ? kept + "\n\n" + caption : kept;
        }
        string Cell(IElement c) => Inline([.. c.ChildNodes], context).Replace("\n", " ").Replace("|", "\\|").Trim();
        var header = rows[0].Children.Select(Cell).ToList();
        var lines = new List<string> { "| " + string.Join(" | ", header) + " |", "|" + string.Join("|", header.Select(_ => " --- ")) + "|" };
        lines.AddRange(rows.Skip(1).Select(r => "| " + string.Join(" | ", r.Children.Select(Cell)) + " |"));
        var result = string.Join('\n', lines);
        return caption is { Length: > 0 } ? result + "\n\n" + caption : result;
    }

    /// <summary>No equivalent in the body format: the element stays, sanitized, and the report says where.</summary>
    private string Keep(IElement element, BodyContext context, string? what = null)
    {
        foreach (var script in element.QuerySelectorAll("script, style").ToList())
        {
            context.Report.Warn(context.Item, "body", $"a <{script.LocalName}> element was removed (no script or style reaches readers).");
            script.Remove();
        }
        var html = renderer.Sanitize(element.OuterHtml).Trim();
        var label = what ?? $"<{element.LocalName}{(element.ClassName is { Length: > 0 } c ? $" class=\"{c}\"" : "")}>";
        if (html.Length == 0)
        {
            context.Report.Warn(context.Item, "body", $"{label} had nothing a reader may see once sanitized, and was removed.");
            return "";
        }
        context.Kept(label);
        // Markdown ends an HTML block at a blank line; the kept element must stay one block.
        return "<div class=\"imported-html\">\n" + BlankLines().Replace(html, "\n") + "\n</div>";
    }

    private string Inline(IEnumerable<INode> nodes, BodyContext context)
    {
        var text = new StringBuilder();
        foreach (var node in nodes) InlineNode(node, text, context);
        // HTML collapses runs of spaces; blank lines (classic WordPress paragraphs) survive for ParagraphsOf.
        var collapsed = Spaces().Replace(text.ToString(), " ");
        return LineSpaces().Replace(collapsed, "\n");
    }

    private void InlineNode(INode node, StringBuilder text, BodyContext context)
    {
        switch (node)
        {
            case IText t:
                text.Append(EscapeText(t.Data));
                return;
            case IElement e:
                var inner = new StringBuilder();
                foreach (var child in e.ChildNodes) InlineNode(child, inner, context);
                var content = inner.ToString();
                switch (e.LocalName)
                {
                    case "strong" or "b": Wrap(text, content, "**"); return;
                    case "em" or "i": Wrap(text, content, "*"); return;
                    case "del" or "s" or "strike": Wrap(text, content, "~~"); return;
                    case "sup": Wrap(text, content, "^"); return;
                    case "sub": Wrap(text, content, "~"); return;
                    case "mark": Wrap(text, content, "=="); return;
                    case "code": text.Append(CodeSpan(e.TextContent)); return;
                    case "br": text.Append("\\\n"); return;
                    case "wbr": return;
                    case "img":
                        var src = e.GetAttribute("src");
                        if (!string.IsNullOrEmpty(src)) text.Append($"![{EscapeText(e.GetAttribute("alt") ?? "")}]({Destination(context.Image(src))})");
                        return;
                    case "a":
                        var href = e.GetAttribute("href");
                        if (string.IsNullOrWhiteSpace(href) || content.Trim().Length == 0) { text.Append(content); return; }
                        if (href.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                        {
                            context.Report.Warn(context.Item, "body", $"a javascript: link around \"{e.TextContent.Trim()}\" was removed; its text is kept.");
                            text.Append(content);
                            return;
                        }
                        text.Append('[').Append(content.Trim()).Append("](").Append(Destination(href.Trim())).Append(')');
                        return;
                    case "script" or "style":
                        context.Report.Warn(context.Item, "body", $"a <{e.LocalName}> element was removed (no script or style reaches readers).");
                        return;
                    default:
                        if (KeptInline.Contains(e.LocalName))
                        {
                            context.Kept($"<{e.LocalName}>");
                            text.Append(renderer.Sanitize(e.OuterHtml).Replace("\n", " "));
                            return;
                        }
                        if (!InlineTags.Contains(e.LocalName))
                        {
                            // A block inside inline content (rare in real exports): its text is kept in place.
                            text.Append(' ').Append(content).Append(' ');
                            return;
                        }
                        text.Append(content);
                        return;
                }
        }
    }

    private static void Wrap(StringBuilder text, string content, string mark)
    {
        // Markdown's delimiters must touch the text: spaces move outside them.
        var trimmed = content.Trim();
        if (trimmed.Length == 0) { text.Append(content); return; }
        if (content.StartsWith(' ')) text.Append(' ');
        text.Append(mark).Append(trimmed).Append(mark);
        if (content.EndsWith(' ')) text.Append(' ');
    }

    private static string CodeSpan(string code)
    {
        var ticks = "`";
        while (code.Contains(ticks, StringComparison.Ordinal)) ticks += "`";
        var pad = code.StartsWith('`') || code.EndsWith('`') ? " " : "";
        return ticks + pad + code + pad + ticks;
    }

    private static string Destination(string url) =>
        url.Contains(' ') || url.Contains('(') || url.Contains(')') ? "<" + url.Replace("<", "%3C").Replace(">", "%3E") + ">" : url;

    /// <summary>Text taken literally: every character Markdown or its extensions would read as syntax is escaped.</summary>
    internal static string EscapeText(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        var atLineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '^' or '=' or '!' || (atLineStart && c is '#' or '-' or '+' or ':'))
                result.Append('\\');
            if (atLineStart && char.IsDigit(c))
            {
                var j = i;
                while (j < text.Length && char.IsDigit(text[j])) j++;
                if (j < text.Length && text[j] is '.' or ')')
                {
                    result.Append(text, i, j - i).Append('\\').Append(text[j]);
                    i = j;
                    atLineStart = false;
                    continue;
                }
            }
            result.Append(c);
            if (c == '\n') atLineStart = true;
            else if (!char.IsWhiteSpace(c)) atLineStart = false;
        }
        return result.ToString();
    }

    private static IElement? SoleImage(IElement paragraph)
    {
        var meaningful = paragraph.ChildNodes.Where(n => n is IElement || (n is IText t && t.Data.Trim().Length > 0)).ToList();
        if (meaningful.Count != 1 || meaningful[0] is not IElement only) return null;
        if (only.LocalName == "img") return only;
        return only.LocalName == "a" && only.Children.Length == 1 && only.Children[0].LocalName == "img" && only.TextContent.Trim().Length == 0 ? only.Children[0] : null;
    }

    private static string? Join(string? a, string? b) =>
        string.IsNullOrEmpty(a) ? b : string.IsNullOrEmpty(b) ? a : a + " " + b;

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"[ \t\r\f]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" *\n *")]
    private static partial Regex LineSpaces();

    [GeneratedRegex(@"^https?://\S+$")]
    private static partial Regex LoneUrl();

    [GeneratedRegex(@"\.(?:jpe?g|png|gif|webp|avif)(?:\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ImageFile();

    [GeneratedRegex(@"youtube(?:-nocookie)?\.com/embed/([A-Za-z0-9_-]+)")]
    private static partial Regex YouTubeEmbed();

    [GeneratedRegex(@"player\.vimeo\.com/video/(\d+)")]
    private static partial Regex VimeoEmbed();
}
