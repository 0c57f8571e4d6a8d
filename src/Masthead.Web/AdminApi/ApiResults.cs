using Masthead.Core.Common;

namespace Masthead.Web.AdminApi;

/// <summary>Turns a use case's <see cref="Result{T}"/> into an HTTP answer with RFC 9457 problem details.</summary>
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

    public static IResult Problem<T>(Result<T> result) => result.Outcome switch
    {
        Outcome.Invalid => Results.ValidationProblem(result.Errors!.ToDictionary(),
            title: "The request has invalid fields", detail: "See errors for what to fix in each field."),
        Outcome.NotFound => JsonBody.Problem(StatusCodes.Status404NotFound, "Not found", result.Message!),
        Outcome.Forbidden => JsonBody.Problem(StatusCodes.Status403Forbidden, "Forbidden", result.Message!),
        Outcome.Stale => JsonBody.Problem(StatusCodes.Status412PreconditionFailed, "The article has changed", result.Message!),
        _ => throw new InvalidOperationException($"No problem mapping for {result.Outcome}."),
    };
}
