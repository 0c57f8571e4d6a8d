using System.Net;
using Masthead.Core.Members;
using Masthead.Web.Mail;

namespace Masthead.Web.Members;

/// <summary>The confirmation and sign-in emails: short, a plain-text part and a simple HTML one, the link in both.</summary>
public static class MemberMail
{
    public static string LinkFor(string baseUrl, MemberLink link)
    {
        var path = link.Purpose switch
        {
            MemberTokenPurpose.Confirm => "confirm",
            MemberTokenPurpose.ChangeEmail => "email/confirm",
            _ => "sign-in/link",
        };
        return $"{baseUrl.TrimEnd('/')}/members/{path}?token={Uri.EscapeDataString(link.Secret)}";
    }

    public static OutgoingMail Compose(string siteName, string baseUrl, MemberLink link)
    {
        var url = LinkFor(baseUrl, link);
        var (subject, lead, button, lasts) = link.Purpose switch
        {
            MemberTokenPurpose.Confirm => ($"Confirm your email for {siteName}",
                $"Someone, we hope you, asked to join {siteName} with this address. Confirm it to start receiving our newsletters.", "Confirm my email", "two days"),
            MemberTokenPurpose.ChangeEmail => ($"Confirm your new email for {siteName}",
                $"A member of {siteName} asked to use this address from now on. Confirm it and our mail comes here instead.", "Use this address", "two days"),
            _ => ($"Your sign-in link for {siteName}", $"Here is the link to sign in to your {siteName} account.", "Sign in", "30 minutes"),
        };
        var greeting = link.Name is { } name ? $"Hello {name}," : "Hello,";
        var ignore = "If you did not ask for this, ignore this email: nothing happens without the link.";
        var text = $"{greeting}\n\n{lead}\n\n{button}: {url}\n\nThe link works once, for {lasts}.\n{ignore}\n\n{siteName}\n";
        var e = (string s) => WebUtility.HtmlEncode(s);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(subject)}</title></head>
            <body style="margin:0;padding:0;background:#f4f2ee;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f2ee;"><tr><td align="center" style="padding:24px 12px;">
            <table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;color:#1d1b22;font:16px/1.5 Georgia,serif;">
            <tr><td style="padding:24px;">
            <p style="margin:0 0 16px;font:700 22px/1.2 Georgia,serif;">{e(siteName)}</p>
            <p style="margin:0 0 16px;">{e(greeting)}</p>
            <p style="margin:0 0 24px;">{e(lead)}</p>
            <p style="margin:0 0 24px;"><a href="{e(url)}" style="display:inline-block;padding:12px 20px;background:#7a1a54;color:#ffffff;text-decoration:none;font:600 16px/1 Arial,sans-serif;border-radius:3px;">{e(button)}</a></p>
            <p style="margin:0 0 8px;font-size:14px;">The link works once, for {lasts}. {e(ignore)}</p>
            <p style="margin:0;font-size:14px;word-break:break-all;">{e(url)}</p>
            </td></tr></table></td></tr></table></body></html>
            """;
        return new OutgoingMail(link.Email, subject, text) { ToName = link.Name, Html = html };
    }
}
