using System.Threading.RateLimiting;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Limits sign-in attempts per client address (Masthead:SignInAttemptsPerMinute, 10 by default), on top of the per-account lockout in
/// <see cref="Core.Accounts.SignInService"/>: one stops a single machine guessing many accounts, the other
/// many machines guessing one.
/// </summary>
public sealed class SignInThrottle(IOptions<MastheadOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
