using System.Net;
using System.Text;
using Masthead.Core.Newsletters;
using Masthead.Web.Mail;

namespace Masthead.Web.Newsletters;

/// <summary>
/// What every newsletter email shares, whatever it carries (a story, a digest): the reader's own unsubscribe and account
/// links, the sender and list headers, the 600-pixel table with the publication's name and the newsletter's above the
/// content, and the footer saying why the reader gets it. Mail clients show it well: one table (Outlook ignores most
/// CSS), every style inline (Gmail drops style blocks it does not like), a light background on every cell with text.
/// </summary>
public sealed class NewsletterFrame
{
    public const string Serif = "Georgia,'Times New Roman',serif";
    public const string Sans = "Arial,Helvetica,sans-serif";

    private readonly string _siteName;
    private readonly Newsletter _newsletter;
    private readonly NewsletterReader _reader;
    private readonly string _unsubscribe;
    private readonly string _account;

    public NewsletterFrame(string siteName, string baseUrl, Newsletter newsletter, NewsletterReader reader)
    {
        _siteName = siteName;
        _newsletter = newsletter;
        _reader = reader;
        Root = baseUrl.TrimEnd('/');
        _unsubscribe = $"{Root}/members/unsubscribe?m={Uri.EscapeDataString(reader.PublicKey)}&n={newsletter.Id}";
        _account = $"{Root}/members/account";
    }

    /// <summary>The publication's address without a trailing slash.</summary>
    public string Root { get; }

    public static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A site path made absolute (mail has no page to be relative to); other addresses as they are.</summary>
    public string Absolute(string url) => url.StartsWith('/') ? Root + url : url;

    public OutgoingMail Mail(string subject, string text, string html)
    {
        var host = Uri.TryCreate(Root, UriKind.Absolute, out var u) ? u.Host : "localhost";
        return new OutgoingMail(_reader.Email, subject, text)
        {
            ToName = _reader.Name,
            Html = html,
            FromName = _newsletter.SenderName,
            FromAddress = _newsletter.SenderEmail,
            ReplyTo = _newsletter.ReplyTo,
            Unsubscribe = _unsubscribe,
            ListId = $"newsletter-{_newsletter.Id}.{host}",
        };
    }

    /// <summary>The plain-text part's opening: who sends it, then the title underlined.</summary>
    public void OpenText(StringBuilder text, string title)
    {
        text.Append(_siteName).Append(" · ").Append(_newsletter.Name).Append("\n\n");
        text.Append(title).Append('\n').Append(new string('=', Math.Min(title.Length, 70))).Append("\n\n");
    }

    public void CloseText(StringBuilder text)
    {
        text.Append("--\n");
        text.Append("You receive ").Append(_newsletter.Name).Append(" because you chose it as a member of ").Append(_siteName).Append(".\n");
        text.Append("Unsubscribe: ").Append(_unsubscribe).Append('\n');
        text.Append("Your newsletters: ").Append(_account).Append('\n');
    }

    /// <summary>The document up to and including the masthead row; the content's rows follow.</summary>
    public void OpenHtml(StringBuilder html, string title, string? viewInBrowser = null)
    {
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light"><title>{E(title)}</title></head>
            <body style="margin:0;padding:0;background-color:#f4f2ee;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f2ee;">
            <tr><td align="center" style="padding:16px 8px;background-color:#f4f2ee;">

            """);
        if (viewInBrowser is not null)
            html.Append($"""
                <p style="margin:0 0 12px;font:13px/1.4 {Sans};color:#4a4752;"><a href="{E(viewInBrowser)}" style="color:#4a4752;">View this email in your browser</a></p>

                """);
        html.Append($"""
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">
            <tr><td style="padding:24px 24px 8px;background-color:#ffffff;border-bottom:3px solid #1d1b22;">
            <p style="margin:0;font:700 26px/1.1 {Serif};color:#1d1b22;">{E(_siteName)}</p>
            <p style="margin:4px 0 0;font:13px/1.4 {Sans};color:#4a4752;">{E(_newsletter.Name)}</p>
            </td></tr>

            """);
    }

    /// <summary>Ends the content table and adds the footer with the reader's unsubscribe link.</summary>
    public void CloseHtml(StringBuilder html) => html.Append($"""
        </table>
        <p style="margin:16px 0 0;max-width:600px;font:13px/1.5 {Sans};color:#4a4752;">You receive {E(_newsletter.Name)} because you chose it as a member of {E(_siteName)}.
        <a href="{E(_unsubscribe)}" style="color:#4a4752;">Unsubscribe</a> · <a href="{E(_account)}" style="color:#4a4752;">Your newsletters</a></p>
        </td></tr></table></body></html>
        """);
}
