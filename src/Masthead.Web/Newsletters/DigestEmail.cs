using System.Net;
using System.Text;
using Masthead.Core.Newsletters;
using Masthead.Web.Mail;

namespace Masthead.Web.Newsletters;

/// <summary>A digest as the sender reads it: subject, the editor's introduction and the stories still published.</summary>
public sealed record DigestContent(string Subject, string Intro, IReadOnlyList<DigestItem> Items);

public sealed record DigestItem(string Headline, string Standfirst, string Url, string? HeroUrl, string? HeroAlt);

/// <summary>
/// Renders a digest the way <see cref="NewsletterEmail"/> renders a story: one 600-pixel table, inline styles, light
/// backgrounds on every cell, images with alt text and a width, a plain-text part with the same words, and the reader's
/// own one-click unsubscribe link. Each story is a headline, its standfirst and a link: the digest never carries a
/// story's body (a members-only story's rest stays on the site).
/// </summary>
public static class DigestEmail
{
    public static OutgoingMail Render(string siteName, string baseUrl, Newsletter newsletter, DigestContent digest, NewsletterReader reader)
    {
        var root = baseUrl.TrimEnd('/');
        var unsubscribe = $"{root}/members/unsubscribe?m={Uri.EscapeDataString(reader.PublicKey)}&n={newsletter.Id}";
        var account = $"{root}/members/account";
        var host = Uri.TryCreate(root, UriKind.Absolute, out var u) ? u.Host : "localhost";
        return new OutgoingMail(reader.Email, digest.Subject, Text(siteName, root, newsletter, digest, unsubscribe, account))
        {
            ToName = reader.Name,
            Html = Html(siteName, root, newsletter, digest, unsubscribe, account),
            FromName = newsletter.SenderName,
            FromAddress = newsletter.SenderEmail,
            ReplyTo = newsletter.ReplyTo,
            Unsubscribe = unsubscribe,
            ListId = $"newsletter-{newsletter.Id}.{host}",
        };
    }

    private static IEnumerable<string> Paragraphs(string intro) =>
        intro.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p.Length > 0);

    private static string Absolute(string root, string url) => url.StartsWith('/') ? root + url : url;

    private static string Text(string siteName, string root, Newsletter newsletter, DigestContent digest, string unsubscribe, string account)
    {
        var text = new StringBuilder();
        text.Append(siteName).Append(" · ").Append(newsletter.Name).Append("\n\n");
        text.Append(digest.Subject).Append('\n').Append(new string('=', Math.Min(digest.Subject.Length, 70))).Append("\n\n");
        foreach (var paragraph in Paragraphs(digest.Intro)) text.Append(paragraph).Append("\n\n");
        foreach (var item in digest.Items)
        {
            text.Append("* ").Append(item.Headline).Append('\n');
            if (item.Standfirst.Length > 0) text.Append("  ").Append(item.Standfirst).Append('\n');
            text.Append("  ").Append(Absolute(root, item.Url)).Append("\n\n");
        }
        text.Append("--\n");
        text.Append("You receive ").Append(newsletter.Name).Append(" because you chose it as a member of ").Append(siteName).Append(".\n");
        text.Append("Unsubscribe: ").Append(unsubscribe).Append('\n');
        text.Append("Your newsletters: ").Append(account).Append('\n');
        return text.ToString();
    }

    private static string Html(string siteName, string root, Newsletter newsletter, DigestContent digest, string unsubscribe, string account)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        const string Serif = "Georgia,'Times New Roman',serif";
        const string Sans = "Arial,Helvetica,sans-serif";
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light"><title>{E(digest.Subject)}</title></head>
            <body style="margin:0;padding:0;background-color:#f4f2ee;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f2ee;">
            <tr><td align="center" style="padding:16px 8px;background-color:#f4f2ee;">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">
            <tr><td style="padding:24px 24px 8px;background-color:#ffffff;border-bottom:3px solid #1d1b22;">
            <p style="margin:0;font:700 26px/1.1 {Serif};color:#1d1b22;">{E(siteName)}</p>
            <p style="margin:4px 0 0;font:13px/1.4 {Sans};color:#4a4752;">{E(newsletter.Name)}</p>
            </td></tr>
            <tr><td style="padding:20px 24px 8px;background-color:#ffffff;color:#1d1b22;">
            <h1 style="margin:0 0 12px;font:700 28px/1.2 {Serif};color:#1d1b22;">{E(digest.Subject)}</h1>
            """);
        foreach (var paragraph in Paragraphs(digest.Intro))
            html.Append($"""<p style="margin:0 0 16px;font:17px/1.6 {Serif};color:#1d1b22;">{E(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)}</p>""");
        html.Append("</td></tr>");
        foreach (var item in digest.Items)
        {
            var url = E(Absolute(root, item.Url));
            html.Append($"""<tr><td style="padding:16px 24px;background-color:#ffffff;border-top:1px solid #d8d4cc;color:#1d1b22;">""");
            if (item.HeroUrl is { } hero)
                html.Append($"""<a href="{url}"><img src="{E(Absolute(root, hero))}" alt="{E(item.HeroAlt ?? "")}" width="552" style="display:block;width:100%;max-width:552px;height:auto;border:0;margin:0 0 12px;"></a>""");
            html.Append($"""<h2 style="margin:0 0 8px;font:700 22px/1.25 {Serif};color:#1d1b22;"><a href="{url}" style="color:#1d1b22;text-decoration:none;">{E(item.Headline)}</a></h2>""");
            if (item.Standfirst.Length > 0) html.Append($"""<p style="margin:0 0 8px;font:17px/1.5 {Serif};color:#4a4752;">{E(item.Standfirst)}</p>""");
            html.Append($"""<p style="margin:0;font:600 15px/1.4 {Sans};"><a href="{url}" style="color:#7a1a54;">Read the story<span style="display:none;"> “{E(item.Headline)}”</span></a></p></td></tr>""");
        }
        html.Append($"""
            </table>
            <p style="margin:16px 0 0;max-width:600px;font:13px/1.5 {Sans};color:#4a4752;">You receive {E(newsletter.Name)} because you chose it as a member of {E(siteName)}.
            <a href="{E(unsubscribe)}" style="color:#4a4752;">Unsubscribe</a> · <a href="{E(account)}" style="color:#4a4752;">Your newsletters</a></p>
            </td></tr></table></body></html>
            """);
        return html.ToString();
    }
}
