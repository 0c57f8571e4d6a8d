using Masthead.Web.Mail;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Sends account links (password resets, invitations). With no SMTP host configured the link is written to
/// the log instead, where whoever runs the server can pass it on; `masthead user reset-link` prints one too.
/// </summary>
public sealed class AccountMailer(MailSender sender, ILogger<AccountMailer> log)
{
    /// <summary>Whether a mail server is configured at all; without one, links are only logged.</summary>
    public bool CanSend => sender.CanSend;

    /// <returns>Whether the mail server accepted the message.</returns>
    public async Task<bool> SendAsync(string to, string subject, string text, string link, CancellationToken ct)
    {
        if (!CanSend)
        {
            log.LogWarning("No SMTP server is configured, so this link was not emailed. {Subject} for {Email}: {Link}", subject, to, link);
            return false;
        }
        try
        {
            await sender.SendAsync(new OutgoingMail(to, subject, $"{text}\n\n{link}\n"), ct);
            return true;
        }
        catch (Exception e) when (MailSender.IsDeliveryFailure(e))
        {
            // The person asking must not learn whether mail works; the operator must.
            log.LogError(e, "Could not email {Subject} to {Email}; the link is {Link}", subject, to, link);
            return false;
        }
    }
}
