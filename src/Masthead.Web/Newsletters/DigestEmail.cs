using System.Text;
using Masthead.Core.Newsletters;
using Masthead.Web.Mail;

namespace Masthead.Web.Newsletters;

/// <summary>A digest as the sender reads it: subject, the editor's introduction and the stories still published.</summary>
public sealed record DigestContent(int Id, string Subject, string Intro, IReadOnlyList<DigestItem> Items);

public sealed record DigestItem(string Headline, string Standfirst, string Url, string? HeroUrl, string? HeroAlt);

/// <summary>
/// Renders a digest in the shared <see cref="NewsletterFrame"/>, as <see cref="NewsletterEmail"/> renders a story: the
/// editor's introduction, then each story as a headline, its standfirst, its picture and a link, and a plain-text part
/// with the same words. A digest never carries a story's body (a members-only story's rest stays on the site).
/// </summary>
public static class DigestEmail
{
    public static OutgoingMail Render(string siteName, string baseUrl, Newsletter newsletter, DigestContent digest, NewsletterReader reader)
    {
        var frame = new NewsletterFrame(siteName, baseUrl, newsletter, reader);
        return frame.Mail(digest.Subject, Text(frame, digest), Html(frame, digest));
    }

    private static IEnumerable<string> Paragraphs(string intro) =>
        intro.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length > 0);

    private static string Text(NewsletterFrame frame, DigestContent digest)
    {
        var text = new StringBuilder();
        frame.OpenText(text, digest.Subject);
        text.Append("Read it in your browser: ").Append(frame.Absolute(DigestPageEndpoint.PathFor(digest.Id))).Append("\n\n");
        foreach (var paragraph in Paragraphs(digest.Intro)) text.Append(paragraph).Append("\n\n");
        foreach (var item in digest.Items)
        {
            text.Append("* ").Append(item.Headline).Append('\n');
            if (item.Standfirst.Length > 0) text.Append("  ").Append(item.Standfirst).Append('\n');
            text.Append("  ").Append(frame.Absolute(item.Url)).Append("\n\n");
        }
        frame.CloseText(text);
        return text.ToString();
    }

    private static string Html(NewsletterFrame frame, DigestContent digest)
    {
        static string E(string s) => NewsletterFrame.E(s);
        const string Serif = NewsletterFrame.Serif;
        const string Sans = NewsletterFrame.Sans;
        var html = new StringBuilder();
        frame.OpenHtml(html, digest.Subject, viewInBrowser: frame.Absolute(DigestPageEndpoint.PathFor(digest.Id)));
        html.Append($"""
            <tr><td style="padding:20px 24px 8px;background-color:#ffffff;color:#1d1b22;">
            <h1 style="margin:0 0 12px;font:700 28px/1.2 {Serif};color:#1d1b22;">{E(digest.Subject)}</h1>
            """);
        foreach (var paragraph in Paragraphs(digest.Intro))
            html.Append($"""<p style="margin:0 0 16px;font:17px/1.6 {Serif};color:#1d1b22;">{E(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)}</p>""");
        html.Append("</td></tr>");
        foreach (var item in digest.Items)
        {
            var url = E(frame.Absolute(item.Url));
            html.Append($"""<tr><td style="padding:16px 24px;background-color:#ffffff;border-top:1px solid #d8d4cc;color:#1d1b22;">""");
            if (item.HeroUrl is { } hero)
                html.Append($"""<a href="{url}"><img src="{E(frame.Absolute(hero))}" alt="{E(item.HeroAlt ?? "")}" width="552" style="display:block;width:100%;max-width:552px;height:auto;border:0;margin:0 0 12px;"></a>""");
            html.Append($"""<h2 style="margin:0 0 8px;font:700 22px/1.25 {Serif};color:#1d1b22;"><a href="{url}" style="color:#1d1b22;text-decoration:none;">{E(item.Headline)}</a></h2>""");
            if (item.Standfirst.Length > 0) html.Append($"""<p style="margin:0 0 8px;font:17px/1.5 {Serif};color:#4a4752;">{E(item.Standfirst)}</p>""");
            html.Append($"""<p style="margin:0;font:600 15px/1.4 {Sans};"><a href="{url}" style="color:#7a1a54;">Read the story<span style="display:none;"> “{E(item.Headline)}”</span></a></p></td></tr>""");
        }
        html.Append('\n');
        frame.CloseHtml(html);
        return html.ToString();
    }
}
