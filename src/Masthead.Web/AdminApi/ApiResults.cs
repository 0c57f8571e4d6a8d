using Masthead.Core.Common;

namespace Masthead.Web.AdminApi;

/// <summary>
/// Turns a use case's <see cref="Result{T}"/> into an HTTP answer with RFC 9457 problem details: the one place an
/// outcome becomes a status. A refusal's own title and code, when it has them, go into the problem as they are.
/// </summary>
public static class ApiResults
{
    public static IResult From<T>(Result<T> result, Func<T, object> toDto, Func<T, string>? location = null, Func<T, string>? etag = null, HttpContext? http = null)
    {
        if (result.Outcome is Outcome.Ok or Outcome.Created)
        {
            var value = result.Value!;
            if (etag is not null && http is not null) http.Response.Headers.ETag = etag(value);
            return result.Outcome == Outcome.Created && location is not null
                ? Results.Created(location(value), toDto(value))
                : Results.Ok(toDto(value));
        }
        return Problem(result);
    }

    public static IResult Problem<T>(Result<T> result)
    {
        if (result.Outcome == Outcome.Invalid)
            return Results.ValidationProblem(result.Errors!.ToDictionary(),
                title: "The request has invalid fields", detail: "See errors for what to fix in each field.");
        var (status, title) = result.Outcome switch
        {
            Outcome.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            Outcome.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            Outcome.Stale => (StatusCodes.Status412PreconditionFailed, "The article has changed"),
            Outcome.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            Outcome.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Too large"),
            Outcome.UnsupportedType => (StatusCodes.Status415UnsupportedMediaType, "Unsupported type"),
            Outcome.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "Unprocessable"),
            _ => throw new InvalidOperationException($"No problem mapping for {result.Outcome}."),
        };
        return Results.Problem(title: result.Title ?? title, detail: result.Message!, statusCode: status,
            extensions: result.Code is { } code ? new Dictionary<string, object?> { ["code"] = code } : null);
    }
}
