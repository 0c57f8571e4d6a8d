using System.Globalization;
using Masthead.Core.Common;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Masthead.Web.ContentApi;

/// <summary>
/// Masthead:ContentApi:RequestsPerMinute per Content API key, counted in the database so the limit is the same however
/// many nodes share the traffic. A middleware rather than an endpoint filter: it sits before the page cache, so
/// answers served from the cache count too. Over the limit: 429 with Retry-After until the window ends.
/// </summary>
public sealed class ContentApiRateLimit(RequestDelegate next)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext http, SharedRateLimits limits, IOptions<MastheadOptions> options, TimeProvider time)
    {
        if (!http.Request.Path.StartsWithSegments(ContentApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase)
            || http.User.FindFirst(ContentApiKeyHandler.KeyIdClaim)?.Value is not { } key)
        {
            await next(http);
            return;
        }
        if (await limits.TryAcquireAsync("content-api:" + key, options.Value.ContentApi.RequestsPerMinute, Window, http.RequestAborted))
        {
            await next(http);
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var seconds = Math.Max(1, (int)Math.Ceiling((Window - TimeSpan.FromTicks(now.Ticks % Window.Ticks)).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(title: "Too many requests",
            detail: $"This key has made more requests this minute than it may. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}
