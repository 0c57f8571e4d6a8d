using System.Threading.Channels;
using Masthead.Core.Members;
using Masthead.Web.Hosting;
using Masthead.Web.Mail;
using Masthead.Web.PublicSite;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Members;

/// <summary>
/// Makes and mails member links away from the request that asked, so the sign-up and sign-in forms answer the same, in
/// the same time, whether the address is a member or not. A request lost with its node is simply asked again.
/// Without an SMTP server the link is written to the log, as account links are.
/// </summary>
public sealed class MemberLinkRequests(IServiceScopeFactory scopes, MailSender mail, SiteContext site, IOptions<MastheadOptions> options,
    ILogger<MemberLinkRequests> logger) : BackgroundService
{
    /// <summary>A sign-up, a sign-in, or (with <paramref name="ChangeEmailOf"/>) a member's new address to confirm.</summary>
    public sealed record Request(bool SignUp, string Email, int? ChangeEmailOf = null);

    private readonly Channel<Request> _queue = Channel.CreateBounded<Request>(new BoundedChannelOptions(5_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(Request request) => _queue.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandleAsync(request, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not make or send a member link.");
            }
        }
    }

    private async Task HandleAsync(Request request, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<MemberAccounts>();
        var link = request.ChangeEmailOf is { } memberId ? await accounts.RequestEmailChangeAsync(memberId, request.Email, ct)
            : request.SignUp ? await accounts.SignUpAsync(request.Email, null, "sign-up form", ct)
            : await accounts.RequestSignInAsync(request.Email, ct);
        if (link is null) return;
        var baseUrl = options.Value.BaseUrl;
        if (!mail.CanSend)
        {
            logger.LogWarning("No SMTP server is configured, so this member link was not emailed. {Purpose} for {Email}: {Link}",
                link.Purpose, link.Email, MemberMail.LinkFor(baseUrl, link));
            return;
        }
        var message = MemberMail.Compose((await site.GetAsync()).Name, baseUrl, link);
        try
        {
            await mail.SendAsync(message, ct);
        }
        catch (Exception e) when (MailSender.IsDeliveryFailure(e))
        {
            logger.LogError(e, "Could not email a member link ({Purpose}) to {Email}.", link.Purpose, link.Email);
        }
    }
}
