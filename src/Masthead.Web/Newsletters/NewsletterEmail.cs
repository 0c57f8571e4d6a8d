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
/// Renders a story as a newsletter email in the shared <see cref="NewsletterFrame"/>: its picture with alt text and a
/// width, headline, standfirst, byline and body with addresses made absolute, and a plain-text part with the same words.
/// </summary>
public static partial class NewsletterEmail
{
    public static OutgoingMail Render(string siteName, string baseUrl, Newsletter newsletter, NewsletterStory story, NewsletterReader reader)
    {
        var frame = new NewsletterFrame(siteName, baseUrl, newsletter, reader);
        var storyUrl = frame.Absolute(story.Url);
        return frame.Mail(story.Headline, Text(frame, story, storyUrl), Html(frame, story, storyUrl));
    }

    private static string Text(NewsletterFrame frame, NewsletterStory story, string storyUrl)
    {
        var text = new StringBuilder();
        frame.OpenText(text, story.Headline);
        if (story.Standfirst.Length > 0) text.Append(story.Standfirst).Append("\n\n");
        if (story.Byline is not null) text.Append(story.Byline).Append("\n\n");
        text.Append(story.BodyText.Trim()).Append("\n\n");
        text.Append("Read it on the site: ").Append(storyUrl).Append("\n\n");
        frame.CloseText(text);
        return text.ToString();
    }

    private static string Html(NewsletterFrame frame, NewsletterStory story, string storyUrl)
    {
        static string E(string s) => NewsletterFrame.E(s);
        const string Serif = NewsletterFrame.Serif;
        const string Sans = NewsletterFrame.Sans;
        var html = new StringBuilder();
        frame.OpenHtml(html, story.Headline, viewInBrowser: storyUrl);
        if (story.HeroUrl is { } hero)
        {
            html.Append($"""
                <tr><td style="padding:0;background-color:#ffffff;"><a href="{E(storyUrl)}"><img src="{E(frame.Absolute(hero))}" alt="{E(story.HeroAlt ?? "")}" width="600" style="display:block;width:100%;max-width:600px;height:auto;border:0;"></a></td></tr>
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
            {Inline(frame.Root, story.BodyHtml)}
            </td></tr>
            <tr><td style="padding:8px 24px 24px;background-color:#ffffff;">
            <a href="{E(storyUrl)}" style="display:inline-block;padding:12px 20px;background-color:#7a1a54;color:#ffffff;font:600 16px/1 {Sans};text-decoration:none;border-radius:3px;">Read it on the site</a>
            </td></tr>

            """);
        frame.CloseHtml(html);
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

    [GeneratedRegex("(src|href)=\"/(?!/)")]
    private static partial Regex RelativeAddress();

    [GeneratedRegex("<source\\b[^>]*>")]
    private static partial Regex Sources();

    [GeneratedRegex("<img(?=[\\s>])")]
    private static partial Regex Images();

    [GeneratedRegex("<p(?=[\\s>])")]
    private static partial Regex Paragraphs();
}
