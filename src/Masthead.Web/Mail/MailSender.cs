using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Masthead.Web.Mail;

/// <summary>
/// Talks to the configured SMTP server (Masthead:Smtp) through MailKit. One message at a time with
/// <see cref="SendAsync"/>; many over one connection with <see cref="ConnectAsync"/>, as a newsletter is sent.
/// </summary>
public sealed class MailSender(IOptions<MastheadOptions> options, TimeProvider time)
{
    /// <summary>Whether a mail server is configured at all.</summary>
    public bool CanSend => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public string DefaultFrom => options.Value.Smtp.From;

    // Read once, on the first message: a key that cannot be read fails that send (and says why) rather than the start-up.
    private readonly Lazy<DkimSigning> _dkim = new(() => new DkimSigning(options.Value.Smtp.Dkim));

    /// <summary>The message as it goes out, DKIM-signed when a key is configured (Masthead:Smtp:Dkim).</summary>
    public MimeMessage Build(OutgoingMail mail)
    {
        var message = MailMessages.Build(mail, DefaultFrom, time.GetUtcNow());
        _dkim.Value.Sign(message);
        return message;
    }

    /// <summary>Sends one message; throws when the server cannot be reached or refuses it (see <see cref="IsDeliveryFailure"/>).</summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await connection.SendAsync(Build(mail), ct);
    }

    public async Task<MailConnection> ConnectAsync(CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        if (!CanSend) throw new InvalidOperationException("No SMTP server is configured (Masthead:Smtp:Host).");
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            // EnableSsl kept its meaning from System.Net.Mail: TLS is required (implicit on 465, STARTTLS elsewhere).
            var security = !smtp.EnableSsl ? SecureSocketOptions.None
                : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(await OpenSocketAsync(smtp.Host!, smtp.Port, ct), smtp.Host!, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            return new MailConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A TCP connection with Nagle's algorithm off. With it on, the short last write of each message (the lone "." that
    /// ends DATA) waited for the server's delayed acknowledgement, about 40 ms a message: a newsletter went at some 20
    /// messages a second whatever the server could take.
    /// </summary>
    private static async Task<Socket> OpenSocketAsync(string host, int port, CancellationToken ct)
    {
        var socket = Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await socket.ConnectAsync(host, port, limit.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"The mail server {host}:{port} did not answer within 30 seconds.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The exceptions that mean "not delivered" rather than a bug: the server refused, or could not be reached.</summary>
    public static bool IsDeliveryFailure(Exception e) =>
        e is SmtpCommandException or SmtpProtocolException or MailKit.ServiceNotConnectedException or AuthenticationException
            or System.Net.Sockets.SocketException or IOException or SslHandshakeException or TimeoutException;
}

/// <summary>An open, signed-in connection to the SMTP server; closed politely on dispose.</summary>
public sealed class MailConnection(SmtpClient client) : IAsyncDisposable
{
    public bool IsConnected => client.IsConnected;

    public Task SendAsync(MimeMessage message, CancellationToken ct) => client.SendAsync(message, ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (MailSender.IsDeliveryFailure(e))
        {
            // The server went away first: nothing left to say to it.
        }
        client.Dispose();
    }
}
