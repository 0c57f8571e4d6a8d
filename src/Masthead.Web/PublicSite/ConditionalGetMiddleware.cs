using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Masthead.Web.PublicSite;

/// <summary>Marks endpoints whose responses get a content ETag and answer conditional requests with 304.</summary>
public sealed class ConditionalGetMetadata;

/// <summary>
/// Buffers a public page, gives it a strong ETag from its bytes and answers If-None-Match / If-Modified-Since
/// with 304. It sits inside the output cache, so cached copies keep their ETag and the cache answers 304 itself.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next)
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
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        // HEAD is rendered as GET (stream and file results would otherwise write nothing), so its ETag and length are
        // the GET's; the server sends HEAD's headers without the body.
        var head = HttpMethods.IsHead(context.Request.Method);
        if (head) context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            if (head) context.Request.Method = HttpMethods.Head;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = $"\"{Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), 0, 12)}\"";
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
