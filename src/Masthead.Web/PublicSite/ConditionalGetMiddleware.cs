using System.Security.Cryptography;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace Masthead.Web.PublicSite;

/// <summary>Marks endpoints whose responses get a content ETag and answer conditional requests with 304.</summary>
public sealed class ConditionalGetMetadata;

/// <summary>
/// Buffers a public page, gives it a strong ETag from its bytes and answers If-None-Match / If-Modified-Since
/// with 304. It sits inside the output cache, so cached copies keep their ETag and the cache answers 304 itself.
/// As the one place that holds a page's bytes on a cache miss, it also keeps each good page in <see cref="StaleCopies"/>
/// and, when the database cannot be reached, reads the page once more on new connections (a restart leaves broken
/// ones in the pool) and then answers with the last good copy, if there is one, before the failure becomes a 503.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next, StaleCopies stale, RecyclableMemoryStreamManager buffers, ILogger<ConditionalGetMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<ConditionalGetMetadata>() is null)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = buffers.GetStream("conditional-get");
        context.Response.Body = buffer;
        // HEAD is rendered as GET (stream and file results would otherwise write nothing), so its ETag and length are
        // the GET's; the server sends HEAD's headers without the body.
        var head = HttpMethods.IsHead(context.Request.Method);
        if (head) context.Request.Method = HttpMethods.Get;
        var servedStale = false;
        try
        {
            servedStale = await RenderAsync(context, buffer);
        }
        finally
        {
            context.Response.Body = original;
            if (head) context.Request.Method = HttpMethods.Head;
        }

        var response = context.Response;
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        // A member's own page (private, no-store) is never kept to be shown to others in an outage.
        if (response.StatusCode == StatusCodes.Status200OK && !servedStale && !Members.MembersOnlyPages.IsPrivate(response))
            stale.Keep(context, body, context.RequestServices.GetRequiredService<PageTags>().All);
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = $"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 12)}\"";
            response.Headers.ETag = etag;
            if (IsNotModified(context.Request, etag, response.Headers.LastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <returns>Whether the answer is a stale copy.</returns>
    private async Task<bool> RenderAsync(HttpContext context, RecyclableMemoryStream buffer)
    {
        try
        {
            await next(context);
            return false;
        }
        catch (Exception first) when (Hosting.FailureAnswers.IsUnreachable(first) && !context.RequestAborted.IsCancellationRequested)
        {
            // Reading a page changes nothing, so it may be read again: on fresh connections, as the pool is cleared.
            Npgsql.NpgsqlConnection.ClearAllPools();
            context.Response.Clear();
            try
            {
                await next(context);
                return false;
            }
            catch (Exception again) when (Hosting.FailureAnswers.IsUnreachable(again) && stale.Find(context) is { } copy)
            {
                logger.LogWarning("The database could not be reached for {Path}; answered with the page as last rendered: {Message}", context.Request.Path, again.Message);
                context.Response.Clear();
                context.Response.ContentType = copy.ContentType;
                if (copy.ContentEncoding is not null) context.Response.Headers.ContentEncoding = copy.ContentEncoding;
                context.Response.Headers.Vary = Hosting.Compression.AcceptEncoding;
                // Never cached anywhere: the next request after the outage gets the page as it is.
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers["X-Served-Stale"] = "database unreachable";
                if (context.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
                await buffer.WriteAsync(copy.Body, context.RequestAborted);
                return true;
            }
        }
    }

    private static bool IsNotModified(HttpRequest request, string etag, string? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
        }
        return HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && HeaderUtilities.TryParseDate(lastModified, out var modified)
            && modified <= since;
    }
}
