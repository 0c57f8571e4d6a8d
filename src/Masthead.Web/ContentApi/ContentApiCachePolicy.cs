using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace Masthead.Web.ContentApi;

/// <summary>
/// Keeps Content API answers in the server's output cache under the same tags as the public pages, so a publish,
/// an edit or an unpublish evicts them with the pages. The default policy refuses authenticated requests; these
/// are authenticated only to be counted and may be shared, because every key sees the same public content. The
/// key is checked (and the request counted) before the cache is asked, since authorization and the rate limiter
/// run ahead of it. Copies vary by every query parameter, by Origin (the CORS answer depends on it) and by the
/// coding the answer is compressed with.
/// </summary>
public sealed class ContentApiCachePolicy : IOutputCachePolicy
{
    public const string Name = "content-api";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
        context.CacheVaryByRules.QueryKeys = new StringValues("*");
        context.CacheVaryByRules.HeaderNames = new StringValues(["Origin", Hosting.Compression.AcceptEncoding]);
        context.Tags.Add(PublicCacheTags.All);
        Hosting.PageCacheGeneration.Begin(context);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        foreach (var tag in context.HttpContext.RequestServices.GetRequiredService<PageTags>().All) context.Tags.Add(tag);
        Hosting.PageCacheGeneration.Check(context);
        return ValueTask.CompletedTask;
    }
}
