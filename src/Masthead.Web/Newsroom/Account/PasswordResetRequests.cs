using System.Threading.Channels;
using Masthead.Core.Accounts;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom.Account;

/// <summary>
/// Makes and mails reset links away from the request that asked, so the "forgot password" form answers in the same
/// time whether the email has an account or not (making a token and talking to a mail server would otherwise tell).
/// A request lost with its node (it is held in memory for the moment it takes) is asked again by the person waiting.
/// </summary>
public sealed class PasswordResetRequests(IServiceScopeFactory scopes, AccountMailer mailer, IOptions<MastheadOptions> options,
    ILogger<PasswordResetRequests> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(string email) => _queue.Writer.TryWrite(email.Trim());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var secret = await scope.ServiceProvider.GetRequiredService<AccountLinks>().CreatePasswordResetAsync(email, stoppingToken);
                if (secret is null) continue;
                var link = $"{options.Value.BaseUrl.TrimEnd('/')}/newsroom/reset-password?token={Uri.EscapeDataString(secret)}";
                await mailer.SendAsync(email, "Reset your newsroom password", "Follow this link to choose a new password. It works once, for two hours.", link, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not make or send a password reset link.");
            }
        }
    }
}
