namespace Masthead.Web.Mail;

/// <summary>
/// One email as Masthead means it, before MIME: a plain-text part always, an HTML part when there is one.
/// <paramref name="Unsubscribe"/> is the one-click address a newsletter carries (List-Unsubscribe, RFC 8058).
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Text)
{
    public string? ToName { get; init; }
    public string? Html { get; init; }
    /// <summary>The sender, when not the configured Masthead:Smtp:From (a newsletter's own name and address).</summary>
    public string? FromAddress { get; init; }
    public string? FromName { get; init; }
    public string? ReplyTo { get; init; }
    public string? Unsubscribe { get; init; }
    /// <summary>Identifies a bulk mailing to mail providers (List-Id), e.g. "the-quire-daily.quire.example".</summary>
    public string? ListId { get; init; }
}
