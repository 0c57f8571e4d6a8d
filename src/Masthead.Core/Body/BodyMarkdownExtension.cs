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
/// <c>:::figure</c> (image, caption, "Credit:" line) and <c>:::embed URL</c> (privacy-first link cards).
/// Registered after Markdig's custom containers so these renderers replace the generic ones.
/// </summary>
public sealed class BodyMarkdownExtension : IMarkdownExtension
{
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

    internal static bool IsAttribution(Block block, out LiteralInline? dash)
    {
        dash = null;
        if (block is not ParagraphBlock { Inline.FirstChild: LiteralInline literal }) return false;
        var text = literal.Content.ToString().TrimStart();
        if (!(text.StartsWith('—') || text.StartsWith("--", StringComparison.Ordinal) || text.StartsWith('―'))) return false;
        dash = literal;
        return true;
    }

    internal static bool StartsWithLabel(Block block, string label, out LiteralInline? first)
    {
        first = null;
        if (block is not ParagraphBlock { Inline.FirstChild: LiteralInline literal }) return false;
        if (!literal.Content.ToString().TrimStart().StartsWith(label, StringComparison.OrdinalIgnoreCase)) return false;
        first = literal;
        return true;
    }

    /// <summary>Writes a paragraph's inlines with a leading marker ("— ", "Credit:") removed.</summary>
    internal static void WriteInlineWithout(HtmlRenderer renderer, ParagraphBlock paragraph, LiteralInline? first, char[] trim, string? prefix = null)
    {
        if (first is not null)
        {
            var text = first.Content.ToString().TrimStart();
            if (prefix is not null && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) text = text[prefix.Length..];
            first.Content = new Markdig.Helpers.StringSlice(text.TrimStart(trim).TrimStart());
        }
        renderer.WriteLeafInline(paragraph);
    }

    private static readonly char[] Dashes = ['—', '-', '―', ' '];

    private sealed class AttributedQuoteRenderer : QuoteBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, QuoteBlock block)
        {
            if (block.Count < 2 || !IsAttribution(block[^1], out var dash))
            {
                base.Write(renderer, block);
                return;
            }
            renderer.EnsureLine();
            renderer.Write("<figure class=\"quote\">").WriteLine();
            renderer.Write("<blockquote>").WriteLine();
            for (var i = 0; i < block.Count - 1; i++) renderer.Write(block[i]);
            renderer.Write("</blockquote>").WriteLine();
            renderer.Write("<figcaption class=\"quote__source\">— ");
            WriteInlineWithout(renderer, (ParagraphBlock)block[^1], dash, Dashes);
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
            var captionParts = new List<(ParagraphBlock Paragraph, LiteralInline? First, bool IsCredit)>();
            foreach (var block in container)
            {
                if (block is ParagraphBlock { Inline: not null } p && p.Inline.Descendants<LinkInline>().Any(l => l.IsImage) && captionParts.Count == 0)
                {
                    renderer.WriteLeafInline(p);
                    renderer.WriteLine();
                }
                else if (block is ParagraphBlock paragraph)
                {
                    var isCredit = StartsWithLabel(paragraph, "Credit:", out var first);
                    captionParts.Add((paragraph, first, isCredit));
                }
                else
                {
                    renderer.Write(block);
                }
            }
            if (captionParts.Count > 0)
            {
                renderer.Write("<figcaption>");
                foreach (var (paragraph, first, isCredit) in captionParts)
                {
                    if (isCredit)
                    {
                        renderer.Write(" <span class=\"credit\">");
                        WriteInlineWithout(renderer, paragraph, first, [' '], "Credit:");
                        renderer.Write("</span>");
                    }
                    else
                    {
                        renderer.Write("<span class=\"caption\">");
                        renderer.WriteLeafInline(paragraph);
                        renderer.Write("</span>");
                    }
                }
                renderer.Write("</figcaption>").WriteLine();
            }
            renderer.Write("</figure>").WriteLine();
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

            ParagraphBlock? source = null;
            LiteralInline? dash = null;
            if (container.Count > 0 && IsAttribution(container[^1], out dash)) source = (ParagraphBlock)container[^1];
            var textBlocks = container.Take(container.Count - (source is null ? 0 : 1)).ToList();
            if (textBlocks.Count > 0)
            {
                renderer.Write(provider.IsVideo ? "<div class=\"embed__text\">" : "<blockquote class=\"embed__text\">").WriteLine();
                foreach (var block in textBlocks) renderer.Write(block);
                renderer.Write(provider.IsVideo ? "</div>" : "</blockquote>").WriteLine();
            }
            renderer.Write("<figcaption class=\"embed__source\">");
            if (source is not null)
            {
                renderer.Write("<span class=\"embed__author\">");
                WriteInlineWithout(renderer, source, dash, Dashes);
                renderer.Write("</span> ");
            }
            var action = provider.IsVideo ? $"Watch on {provider.Name}" : $"View on {provider.Name}";
            renderer.Write($"<a class=\"embed__link\" href=\"{href}\" rel=\"noopener nofollow external\">{WebUtility.HtmlEncode(action)}</a>");
            renderer.Write("</figcaption>").WriteLine();
            renderer.Write("</figure>").WriteLine();
        }
    }
}
