using System.Net;
using System.Net.Mail;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Sends account links (password resets, invitations). With no SMTP host configured the link is written to
/// the log instead, where whoever runs the server can pass it on; `masthead user reset-link` prints one too.
/// </summary>
public sealed class AccountMailer(IOptions<MastheadOptions> options, ILogger<AccountMailer> log)
{
    /// <summary>Whether a mail server is configured at all; without one, links are only logged.</summary>
    public bool CanSend => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    /// <returns>Whether the mail server accepted the message.</returns>
    public async Task<bool> SendAsync(string to, string subject, string text, string link, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (!CanSend)
        {
            log.LogWarning("No SMTP server is configured, so this link was not emailed. {Subject} for {Email}: {Link}", subject, to, link);
            return false;
        }
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName)) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        using var message = new MailMessage(smtp.From, to, subject, $"{text}\n\n{link}\n");
        try
        {
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (SmtpException e)
        {
            // The person asking must not learn whether mail works; the operator must.
            log.LogError(e, "Could not email {Subject} to {Email}; the link is {Link}", subject, to, link);
            return false;
        }
    }
}
