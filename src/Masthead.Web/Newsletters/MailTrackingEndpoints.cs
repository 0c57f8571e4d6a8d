using Masthead.Core.Newsletters;
using Masthead.Web.PublicSite;

namespace Masthead.Web.Newsletters;

/// <summary>
/// <c>GET /mail/open/{token}</c> (a tracked email's 1×1 pixel) and <c>GET /mail/click/{token}</c> (its links). A token
/// Masthead did not make, or one altered, gets 404 and nothing is recorded; a click only ever leads to a link that was
/// in that send's email (<see cref="NewsletterLink"/>), so the redirect cannot be pointed anywhere else. Never cached.
/// </summary>
public static class MailTrackingEndpoints
{
    /// <summary>The smallest transparent GIF: 1×1, one colour.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static WebApplication MapMailTracking(this WebApplication app)
    {
        var mail = app.MapGroup("/mail").ExcludeFromDescription();
        mail.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            // The redirect must not tell the linked site which copy the reader followed.
            context.HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
            return await next(context);
        });
        mail.MapGet("/open/{token}", async (string token, TrackingRecorder recorder, SiteContext site, CancellationToken ct) =>
            await recorder.OpenedAsync(token, ct) ? Results.File(Pixel, "image/gif") : await PublicSiteEndpoints.NotFound(site));
        mail.MapGet("/click/{token}", async (string token, TrackingRecorder recorder, SiteContext site, CancellationToken ct) =>
            await recorder.ClickedAsync(token, ct) is { } url ? Results.Redirect(url) : await PublicSiteEndpoints.NotFound(site));
        return app;
    }
}
