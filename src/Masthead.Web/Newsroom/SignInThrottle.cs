using Masthead.Core.Common;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Newsroom;

/// <summary>
/// Limits sign-in and reset attempts per client address (Masthead:SignInAttemptsPerMinute, 10 by default), on top of
/// the per-email-and-address lockout in <see cref="Core.Accounts.SignInService"/>: this one slows a machine guessing
/// many accounts, that one a machine guessing one. Counted in the database, so the limit is the same on every node.
/// </summary>
public sealed class SignInThrottle(SharedRateLimits limits, IOptions<MastheadOptions> options)
{
    /// <summary>The client's address, as the forwarded-headers middleware established it behind a known proxy.</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public Task<bool> TryAcquireAsync(HttpContext http) =>
        limits.TryAcquireAsync("sign-in:" + ClientOf(http),
            options.Value.SignInAttemptsPerMinute, TimeSpan.FromMinutes(1), http.RequestAborted);
}
