using System.Net;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Masthead.Core.Body;

/// <summary>
/// Masthead's body extensions on top of Markdown: attributed blockquotes, <c>:::pullquote</c>,
/// <c>:::figure</c> (image, caption, "Credit:" line), <c>:::embed URL</c> (privacy-first link cards) and
/// <c>:::promo LINK</c> (a labelled call to action).
/// Registered after Markdig's custom containers so these renderers replace the generic ones.
/// </summary>
public sealed class BodyMarkdownExtension : IMarkdownExtension
{
    /// <summary>Where a parsed document carries the stills of its videos (see <see cref="BodyRenderer.Render"/>).</summary>
    internal const string PicturesKey = "masthead:embed-pictures";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= DemoteTopHeadings;
        pipeline.DocumentProcessed += DemoteTopHeadings;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        html.ObjectRenderers.ReplaceOrAdd<HtmlCustomContainerRenderer>(new ContainerRenderer());
        html.ObjectRenderers.ReplaceOrAdd<QuoteBlockRenderer>(new AttributedQuoteRenderer());
    }

    // The page owns the only <h1>; a "#" in a body becomes a subheading.
    private static void DemoteTopHeadings(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
            if (heading.Level == 1) heading.Level = 2;
    }


    private static readonly char[] Dashes = ['—', '-', '―', ' '];

    /// <summary>A paragraph's inlines, cut at its line breaks: each line of a figure or embed has its own job.</summary>
    internal static List<List<Inline>> Lines(ParagraphBlock paragraph)
    {
        var lines = new List<List<Inline>> { new() };
        for (var inline = paragraph.Inline?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline is LineBreakInline) lines.Add([]);
            else lines[^1].Add(inline);
        }
        return lines.Where(l => l.Count > 0).ToList();
    }

    internal static string LeadingText(List<Inline> line) =>
        line.FirstOrDefault() is LiteralInline literal ? literal.Content.ToString().TrimStart() : "";

    /// <summary>Writes a line of inlines, dropping a leading marker such as "— " or "Credit:".</summary>
    internal static void WriteLine(HtmlRenderer renderer, List<Inline> line, string? marker = null)
    {
        for (var i = 0; i < line.Count; i++)
        {
            if (i == 0 && marker is not null && line[0] is LiteralInline literal)
            {
                var text = literal.Content.ToString().TrimStart();
                text = text.StartsWith(marker, StringComparison.OrdinalIgnoreCase) ? text[marker.Length..] : text.TrimStart(Dashes);
                renderer.WriteEscape(text.TrimStart());
                continue;
            }
            renderer.Write(line[i]);
        }
    }

    internal static bool IsDashLine(List<Inline> line)
    {
        var text = LeadingText(line);
        return text.StartsWith('—') || text.StartsWith('―') || text.StartsWith("--", StringComparison.Ordinal);
    }


    private sealed class AttributedQuoteRenderer : QuoteBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, QuoteBlock block)
        {
            // The attribution is the quote's last line when it starts with a dash, in its own paragraph or not.
            var last = block.LastChild as ParagraphBlock;
            var lines = last is null ? [] : Lines(last);
            if (lines.Count == 0 || !IsDashLine(lines[^1]) || (lines.Count == 1 && block.Count == 1))
            {
                base.Write(renderer, block);
                return;
            }
            renderer.EnsureLine();
            renderer.Write("<figure class=\"quote\">").WriteLine();
            renderer.Write("<blockquote>").WriteLine();
            for (var i = 0; i < block.Count - 1; i++) renderer.Write(block[i]);
            if (lines.Count > 1)
            {
                renderer.Write("<p>");
                for (var i = 0; i < lines.Count - 1; i++)
                {
                    if (i > 0) renderer.Write("<br>");
                    WriteLine(renderer, lines[i]);
                }
                renderer.Write("</p>").WriteLine();
            }
            renderer.Write("</blockquote>").WriteLine();
            renderer.Write("<figcaption class=\"quote__source\">— ");
            WriteLine(renderer, lines[^1], "—");
            renderer.Write("</figcaption>").WriteLine();
            renderer.Write("</figure>").WriteLine();
        }
    }

    private sealed class ContainerRenderer : HtmlObjectRenderer<CustomContainer>
    {
        protected override void Write(HtmlRenderer renderer, CustomContainer container)
        {
            renderer.EnsureLine();
            switch (container.Info?.Trim().ToLowerInvariant())
            {
                case "pullquote":
                    renderer.Write("<aside class=\"pullquote\">").WriteLine();
                    renderer.WriteChildren(container);
                    renderer.Write("</aside>").WriteLine();
                    break;
                case "figure":
                    WriteFigure(renderer, container);
                    break;
                case "embed":
                    WriteEmbed(renderer, container);
                    break;
                case "promo":
                    WritePromo(renderer, container);
                    break;
                default:
                    // Unknown container types keep their content; the wrapper is plain.
                    renderer.Write("<div>").WriteLine();
                    renderer.WriteChildren(container);
                    renderer.Write("</div>").WriteLine();
                    break;
            }
        }

        private static void WriteFigure(HtmlRenderer renderer, CustomContainer container)
        {
            renderer.Write("<figure class=\"figure\">").WriteLine();
            var captions = new List<List<Inline>>();
            var credits = new List<List<Inline>>();
            foreach (var block in container)
            {
                if (block is not ParagraphBlock paragraph) { renderer.Write(block); continue; }
                foreach (var line in Lines(paragraph))
                {
                    if (line.Any(i => i is LinkInline { IsImage: true }))
                    {
                        foreach (var inline in line) renderer.Write(inline);
                        renderer.WriteLine();
                    }
                    else if (LeadingText(line).StartsWith("Credit:", StringComparison.OrdinalIgnoreCase)) credits.Add(line);
                    else captions.Add(line);
                }
            }
            if (captions.Count + credits.Count > 0)
            {
                renderer.Write("<figcaption>");
                if (captions.Count > 0)
                {
                    renderer.Write("<span class=\"caption\">");
                    for (var i = 0; i < captions.Count; i++)
                    {
                        if (i > 0) renderer.Write(" ");
                        WriteLine(renderer, captions[i]);
                    }
                    renderer.Write("</span>");
                }
                foreach (var credit in credits)
                {
                    renderer.Write(" <span class=\"credit\">");
                    WriteLine(renderer, credit, "Credit:");
                    renderer.Write("</span>");
                }
                renderer.Write("</figcaption>").WriteLine();
            }
            renderer.Write("</figure>").WriteLine();
        }

        /// <summary>
        /// A call to action set apart from the story and labelled as promotion for every reader: a visible
        /// "Promotion" line, and an aside named after its title for screen readers. The title is the link, written
        /// as plain text so a link typed inside it cannot nest one anchor in another. An unsafe link (anything but a
        /// site path or https) is left out here and refused when the body is saved (<see cref="PromoBlock"/>).
        /// </summary>
        private static void WritePromo(HtmlRenderer renderer, CustomContainer container)
        {
            var link = PromoBlock.LinkProblem(container.Arguments) is null ? container.Arguments!.Trim() : null;
            LinkInline? picture = null;
            List<Inline>? title = null;
            var text = new List<List<List<Inline>>>();
            var others = new List<Block>();
            foreach (var block in container)
            {
                if (block is not ParagraphBlock paragraph) { others.Add(block); continue; }
                var lines = new List<List<Inline>>();
                foreach (var line in Lines(paragraph))
                {
                    if (picture is null && line.Count == 1 && line[0] is LinkInline { IsImage: true } image) picture = image;
                    else if (title is null) title = line;
                    else lines.Add(line);
                }
                if (lines.Count > 0) text.Add(lines);
            }
            var titleText = title is null ? "" : PlainTitle(title);
            var name = titleText.Length > 0 ? $"Promotion: {titleText}" : "Promotion";
            renderer.Write($"<aside class=\"promo\" aria-label=\"{WebUtility.HtmlEncode(name)}\">").WriteLine();
            renderer.Write("<p class=\"promo__label\">Promotion</p>").WriteLine();
            if (picture is not null && PromoBlock.PictureProblem(picture.Url) is null)
            {
                renderer.Write("<p class=\"promo__picture\">");
                renderer.Write(picture);
                renderer.Write("</p>").WriteLine();
            }
            if (titleText.Length > 0)
            {
                renderer.Write("<p class=\"promo__title\">");
                if (link is not null) renderer.Write($"<a class=\"promo__link\" href=\"{WebUtility.HtmlEncode(link)}\">");
                renderer.WriteEscape(titleText);
                if (link is not null) renderer.Write("</a>");
                renderer.Write("</p>").WriteLine();
            }
            foreach (var lines in text)
            {
                renderer.Write("<p class=\"promo__text\">");
                for (var i = 0; i < lines.Count; i++)
                {
                    if (i > 0) renderer.Write("<br>");
                    WriteLine(renderer, lines[i]);
                }
                renderer.Write("</p>").WriteLine();
            }
            foreach (var block in others) renderer.Write(block);
            renderer.Write("</aside>").WriteLine();
        }

        /// <summary>Takes a trailing " · yyyy-mm-dd" off a source line's last words and returns that date.</summary>
        private static DateOnly? SourceDate(List<Inline> source)
        {
            if (source[^1] is not LiteralInline last) return null;
            var text = last.Content.ToString();
            var dot = text.LastIndexOf('·');
            if (dot < 0 || !DateOnly.TryParseExact(text[(dot + 1)..].Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var date)) return null;
            var rest = text[..dot].TrimEnd();
            if (rest.Length == 0 && source.Count == 1) return null; // a date alone is not a source
            last.Content = new Markdig.Helpers.StringSlice(rest);
            return date;
        }

        private static string PlainTitle(List<Inline> line)
        {
            var text = new System.Text.StringBuilder();
            foreach (var inline in line)
            {
                switch (inline)
                {
                    case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                    case CodeInline code: text.Append(code.Content); break;
                    case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                    case ContainerInline box:
                        foreach (var part in box.Descendants<Inline>())
                            if (part is LiteralInline l) text.Append(l.Content.ToString());
                            else if (part is CodeInline c) text.Append(c.Content);
                            else if (part is HtmlEntityInline h) text.Append(h.Transcoded.ToString());
                        break;
                }
            }
            return text.ToString().Trim();
        }

        private static IReadOnlyDictionary<string, EmbedPicture> PicturesOf(Block block)
        {
            while (block.Parent is not null) block = block.Parent;
            return block.GetData(PicturesKey) as IReadOnlyDictionary<string, EmbedPicture> ?? NoEmbedPictures.None;
        }

        private static void WriteEmbed(HtmlRenderer renderer, CustomContainer container)
        {
            var argument = container.Arguments?.Trim() ?? "";
            if (!Uri.TryCreate(argument, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                // Not a usable URL: keep whatever text was given rather than dropping it.
                renderer.Write("<div class=\"embed embed--invalid\">").WriteLine();
                renderer.WriteChildren(container);
                renderer.Write("</div>").WriteLine();
                return;
            }
            var provider = EmbedProvider.Detect(url);
            var href = WebUtility.HtmlEncode(url.AbsoluteUri);
            var kind = provider.IsVideo ? "video" : "post";
            renderer.Write($"<figure class=\"embed embed--{kind} embed--{provider.Key}\">").WriteLine();
            // A playable video shows its still from the media store (when one could be fetched); the words beside it say what it is.
            if (VideoAddress.From(url) is { } video && PicturesOf(container).TryGetValue(video.Key, out var still))
                renderer.Write($"<img class=\"embed__poster\" src=\"{WebUtility.HtmlEncode(still.Url)}\" alt=\"\" width=\"{still.Width}\" height=\"{still.Height}\">").WriteLine();

            // The post's text, then optionally "— @handle" as the last line.
            var paragraphs = container.OfType<ParagraphBlock>().Select(Lines).Where(l => l.Count > 0).ToList();
            List<Inline>? source = null;
            if (paragraphs.Count > 0 && IsDashLine(paragraphs[^1][^1]))
            {
                source = paragraphs[^1][^1];
                paragraphs[^1].RemoveAt(paragraphs[^1].Count - 1);
                if (paragraphs[^1].Count == 0) paragraphs.RemoveAt(paragraphs.Count - 1);
            }
            if (paragraphs.Count > 0)
            {
                renderer.Write(provider.IsVideo ? "<div class=\"embed__text\">" : "<blockquote class=\"embed__text\">").WriteLine();
                foreach (var lines in paragraphs)
                {
                    renderer.Write("<p>");
                    for (var i = 0; i < lines.Count; i++)
                    {
                        if (i > 0) renderer.Write("<br>");
                        WriteLine(renderer, lines[i]);
                    }
                    renderer.Write("</p>").WriteLine();
                }
                renderer.Write(provider.IsVideo ? "</div>" : "</blockquote>").WriteLine();
            }
            renderer.Write("<figcaption class=\"embed__source\">");
            if (source is not null)
            {
                // "— @someone · 2026-11-20": the date the post was made, shown on the card as a date.
                var date = SourceDate(source);
                renderer.Write("<span class=\"embed__author\">");
                WriteLine(renderer, source, "—");
                renderer.Write("</span> ");
                if (date is { } posted)
                    renderer.Write($"<time class=\"embed__date\" datetime=\"{posted:yyyy-MM-dd}\">{posted.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}</time> ");
            }
            var action = provider.IsVideo ? $"Watch on {provider.Name}" : $"View on {provider.Name}";
            renderer.Write($"<a class=\"embed__link\" href=\"{href}\" rel=\"noopener nofollow external\">{WebUtility.HtmlEncode(action)}</a>");
            renderer.Write("</figcaption>").WriteLine();
            renderer.Write("</figure>").WriteLine();
        }
    }
}
