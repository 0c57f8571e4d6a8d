namespace Masthead.Web.Hosting;

public static class SecurityHeaders
{
    // No inline or third-party script runs on a Masthead page; embeds are plain links until a reader follows them.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        if (!context.Request.Path.StartsWithSegments("/openapi"))
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return next(context);
    });
}
