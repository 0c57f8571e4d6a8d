namespace Masthead.Web.Hosting;

public static class SecurityHeaders
{
    // No inline or third-party script runs on a Masthead page; embeds are plain links until a reader follows them.
    // The one frame a page may hold is a YouTube player, from its no-cookie address, put there when a reader presses
    // "Play video" on a card (video-embed.js).
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-src https://www.youtube-nocookie.com; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The OpenAPI description is JSON: nothing in it may load or run anything.
    private const string DocumentPolicy = "default-src 'none'; frame-ancestors 'none'";

    // No page needs the camera, microphone, location, payments, USB or ad topics; embedded frames get none either.
    private const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/openapi") ? DocumentPolicy : ContentSecurityPolicy;
        // Admin answers hold drafts, embargoed stories and people's details: no cache, shared or private, keeps them.
        if (context.Request.Path.StartsWithSegments("/api/admin")) headers.CacheControl = "no-store";
        return next(context);
    });
}
