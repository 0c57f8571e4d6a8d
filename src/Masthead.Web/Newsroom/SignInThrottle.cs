using Masthead.Core.Common;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Limits sign-in attempts per client address (Masthead:SignInAttemptsPerMinute, 10 by default), on top of the per-account lockout in
/// <see cref="Core.Accounts.SignInService"/>: one stops a single machine guessing many accounts, the other
/// many machines guessing one. Counted in the database, so the limit is the same however many nodes answer.
/// </summary>
public sealed class SignInThrottle(SharedRateLimits limits, IOptions<MastheadOptions> options)
{
    public Task<bool> TryAcquireAsync(HttpContext http) =>
        limits.TryAcquireAsync("sign-in:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            options.Value.SignInAttemptsPerMinute, TimeSpan.FromMinutes(1), http.RequestAborted);
}
