using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Core.Newsletters;
using Masthead.Web.Mail;

namespace Masthead.Web.Newsletters;

/// <summary>A story as the newsroom sends it: what one recipient's copy needs to know.</summary>
public sealed record NewsletterStory(string Headline, string Standfirst, string Url, string BodyHtml, string BodyText,
    string? HeroUrl, string? HeroAlt, string? HeroCredit, string? Byline);

/// <summary>The member's copy: their address and name, and the key in their unsubscribe link.</summary>
public sealed record NewsletterReader(string Email, string? Name, string PublicKey);

/// <summary>
/// Renders a story as a newsletter email that mail clients show well: one 600-pixel table (Outlook ignores most CSS),
/// every style inline (Gmail drops style blocks it does not like), a light background set on every cell with text
/// so dark modes that invert it keep the contrast, images with alt text and a width, addresses made absolute, and a
/// plain-text part with the same words. Each copy carries its reader's own one-click unsubscribe link.
/// </summary>
public static partial class NewsletterEmail
{
    public static OutgoingMail Render(string siteName, string baseUrl, Newsletter newsletter, NewsletterStory story, NewsletterReader reader)
    {
        var root = baseUrl.TrimEnd('/');
        var storyUrl = Absolute(root, story.Url);
        var unsubscribe = $"{root}/members/unsubscribe?m={Uri.EscapeDataString(reader.PublicKey)}&n={newsletter.Id}";
        var account = $"{root}/members/account";
        var host = Uri.TryCreate(root, UriKind.Absolute, out var u) ? u.Host : "localhost";
        return new OutgoingMail(reader.Email, story.Headline, Text(siteName, newsletter, story, storyUrl, unsubscribe, account))
        {
            ToName = reader.Name,
            Html = Html(siteName, root, newsletter, story, storyUrl, unsubscribe, account),
            FromName = newsletter.SenderName,
            FromAddress = newsletter.SenderEmail,
            ReplyTo = newsletter.ReplyTo,
            Unsubscribe = unsubscribe,
            ListId = $"newsletter-{newsletter.Id}.{host}",
        };
    }

    private static string Text(string siteName, Newsletter newsletter, NewsletterStory story, string storyUrl, string unsubscribe, string account)
    {
        var text = new StringBuilder();
        text.Append(siteName).Append(" · ").Append(newsletter.Name).Append("\n\n");
        text.Append(story.Headline).Append('\n').Append(new string('=', Math.Min(story.Headline.Length, 70))).Append("\n\n");
        if (story.Standfirst.Length > 0) text.Append(story.Standfirst).Append("\n\n");
        if (story.Byline is not null) text.Append(story.Byline).Append("\n\n");
        text.Append(story.BodyText.Trim()).Append("\n\n");
        text.Append("Read it on the site: ").Append(storyUrl).Append("\n\n--\n");
        text.Append("You receive ").Append(newsletter.Name).Append(" because you chose it as a member of ").Append(siteName).Append(".\n");
        text.Append("Unsubscribe: ").Append(unsubscribe).Append('\n');
        text.Append("Your newsletters: ").Append(account).Append('\n');
        return text.ToString();
    }

    private static string Html(string siteName, string root, Newsletter newsletter, NewsletterStory story, string storyUrl, string unsubscribe, string account)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        const string Serif = "Georgia,'Times New Roman',serif";
        const string Sans = "Arial,Helvetica,sans-serif";
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light"><title>{E(story.Headline)}</title></head>
            <body style="margin:0;padding:0;background-color:#f4f2ee;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f2ee;">
            <tr><td align="center" style="padding:16px 8px;background-color:#f4f2ee;">
            <p style="margin:0 0 12px;font:13px/1.4 {Sans};color:#4a4752;"><a href="{E(storyUrl)}" style="color:#4a4752;">View this email in your browser</a></p>
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">
            <tr><td style="padding:24px 24px 8px;background-color:#ffffff;border-bottom:3px solid #1d1b22;">
            <p style="margin:0;font:700 26px/1.1 {Serif};color:#1d1b22;">{E(siteName)}</p>
            <p style="margin:4px 0 0;font:13px/1.4 {Sans};color:#4a4752;">{E(newsletter.Name)}</p>
            </td></tr>
            """);
        if (story.HeroUrl is { } hero)
        {
            html.Append($"""
                <tr><td style="padding:0;background-color:#ffffff;"><a href="{E(storyUrl)}"><img src="{E(Absolute(root, hero))}" alt="{E(story.HeroAlt ?? "")}" width="600" style="display:block;width:100%;max-width:600px;height:auto;border:0;"></a></td></tr>
                """);
            if (story.HeroCredit is { Length: > 0 } credit)
                html.Append($"""<tr><td style="padding:4px 24px 0;background-color:#ffffff;font:12px/1.4 {Sans};color:#4a4752;">{E(credit)}</td></tr>""");
        }
        html.Append($"""
            <tr><td style="padding:20px 24px 8px;background-color:#ffffff;color:#1d1b22;">
            <h1 style="margin:0 0 12px;font:700 28px/1.2 {Serif};color:#1d1b22;"><a href="{E(storyUrl)}" style="color:#1d1b22;text-decoration:none;">{E(story.Headline)}</a></h1>
            """);
        if (story.Standfirst.Length > 0) html.Append($"""<p style="margin:0 0 12px;font:20px/1.4 {Serif};color:#4a4752;">{E(story.Standfirst)}</p>""");
        if (story.Byline is not null) html.Append($"""<p style="margin:0 0 16px;font:14px/1.4 {Sans};color:#4a4752;">{E(story.Byline)}</p>""");
        html.Append($"""
            </td></tr>
            <tr><td style="padding:0 24px 16px;background-color:#ffffff;color:#1d1b22;font:17px/1.6 {Serif};">
            {Inline(root, story.BodyHtml)}
            </td></tr>
            <tr><td style="padding:8px 24px 24px;background-color:#ffffff;">
            <a href="{E(storyUrl)}" style="display:inline-block;padding:12px 20px;background-color:#7a1a54;color:#ffffff;font:600 16px/1 {Sans};text-decoration:none;border-radius:3px;">Read it on the site</a>
            </td></tr>
            </table>
            <p style="margin:16px 0 0;max-width:600px;font:13px/1.5 {Sans};color:#4a4752;">You receive {E(newsletter.Name)} because you chose it as a member of {E(siteName)}.
            <a href="{E(unsubscribe)}" style="color:#4a4752;">Unsubscribe</a> · <a href="{E(account)}" style="color:#4a4752;">Your newsletters</a></p>
            </td></tr></table></body></html>
            """);
        return html.ToString();
    }

    /// <summary>The story's sanitised HTML, with addresses made absolute and images kept inside the column.</summary>
    private static string Inline(string root, string bodyHtml)
    {
        var absolute = RelativeAddress().Replace(bodyHtml, m => $"{m.Groups[1].Value}=\"{root}/");
        // <picture> sources are for browsers; mail clients take the <img> inside.
        absolute = Sources().Replace(absolute, "");
        absolute = Images().Replace(absolute, "<img style=\"max-width:100%;height:auto;border:0;\"");
        absolute = Paragraphs().Replace(absolute, "<p style=\"margin:0 0 16px;\"");
        return absolute;
    }

    private static string Absolute(string root, string url) => url.StartsWith('/') ? root + url : url;

    [GeneratedRegex("(src|href)=\"/(?!/)")]
    private static partial Regex RelativeAddress();

    [GeneratedRegex("<source\\b[^>]*>")]
    private static partial Regex Sources();

    [GeneratedRegex("<img(?=[\\s>])")]
    private static partial Regex Images();

    [GeneratedRegex("<p(?=[\\s>])")]
    private static partial Regex Paragraphs();
}
