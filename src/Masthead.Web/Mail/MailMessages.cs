using MimeKit;
using MimeKit.Utils;

namespace Masthead.Web.Mail;

/// <summary>Turns an <see cref="OutgoingMail"/> into the MIME message that goes over SMTP.</summary>
public static class MailMessages
{
    public static MimeMessage Build(OutgoingMail mail, string defaultFrom, DateTimeOffset date)
    {
        var message = new MimeMessage();
        var fromAddress = string.IsNullOrWhiteSpace(mail.FromAddress) ? defaultFrom : mail.FromAddress;
        message.From.Add(new MailboxAddress(mail.FromName ?? "", fromAddress));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        if (!string.IsNullOrWhiteSpace(mail.ReplyTo)) message.ReplyTo.Add(MailboxAddress.Parse(mail.ReplyTo));
        // A subject is one line: a headline typed with a line break keeps a space there instead of running two words together.
        message.Subject = string.Join(' ', mail.Subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        message.Date = date;
        message.MessageId = MimeUtils.GenerateMessageId(DomainOf(fromAddress));
        if (mail.Unsubscribe is { } unsubscribe)
        {
            // RFC 2369 names the address; RFC 8058 tells the mail provider it may POST to it without a page in between.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (mail.ListId is { } listId) message.Headers.Add("List-Id", $"<{listId}>");
        // Clients that show HTML pick the last alternative they understand; the text part comes first for the rest.
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
    }

    /// <summary>Whether MimeKit accepts the text as one plain address (no display name, no group).</summary>
    public static bool IsAddress(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 320 && MailboxAddress.TryParse(text, out var parsed)
        && string.IsNullOrEmpty(parsed.Name) && parsed.Address == text!.Trim() && parsed.Address.Contains('@');
}
