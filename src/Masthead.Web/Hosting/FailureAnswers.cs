using System.Data.Common;
using System.Net;
using Masthead.Core.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Masthead.Web.Hosting;

/// <summary>
/// What a request that failed answers, instead of ASP.NET's bare JSON 500: a clash with a save made at the same
/// moment is a 409; a database that cannot be reached is a 503 with Retry-After (a node in a restart or a failover,
/// not a fault in the page); anything else a 500. API callers get an RFC 9457 problem, readers and editors a small
/// HTML page. Since .NET 10 the exception handler middleware logs nothing for an exception a handler took, so this
/// logs each: a 500 with its stack trace, a 503 and a 409 in one line (they are expected in a restart or a race).
/// </summary>
public sealed class FailureAnswers(ILogger<FailureAnswers> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (http.Response.HasStarted) return false;
        var (status, title, detail) = Classify(exception);
        // The exception handler cleared the response's headers: the reader gets the request's id back, to quote.
        var requestId = Observability.RequestLog.IdOf(http);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            logger.LogWarning("The database could not be reached for {Path}: {Message}", http.Request.Path, exception.Message);
            // The pool's idle connections died with the server's sessions: the next request opens new ones instead of
            // failing on each of them in turn once the database is back.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        else if (status is StatusCodes.Status409Conflict or StatusCodes.Status400BadRequest)
        {
            logger.LogInformation("{Path} answered {Status}: {Message}", http.Request.Path, status, exception.InnerException?.Message ?? exception.Message);
        }
        else
        {
            logger.LogError(exception, "{Method} {Path} failed (request {RequestId}).", http.Request.Method, http.Request.Path, requestId);
        }
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Request-Id"] = requestId;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["requestId"] = requestId })
                .ExecuteAsync(http);
            return true;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Page(title, detail, requestId), ct);
        return true;
    }

    public static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        _ when UniqueViolation.Is(exception) => (StatusCodes.Status409Conflict, "Saved at the same moment",
            "Someone saved the same name or address a moment before you. Go back, reload, and save again: nothing of yours was stored."),
        // ASP.NET's form reader refuses a value with a NUL or past its limits; endpoints that read the form themselves
        // (the members' pages) would otherwise answer 500 for what is the sender's mistake.
        _ when FormUnreadable(exception) => (StatusCodes.Status400BadRequest, "The form could not be read",
            "What was sent contains characters a form cannot carry (such as a NUL). Go back, type it again, and send it once more."),
        _ when IsUnreachable(exception) => (StatusCodes.Status503ServiceUnavailable, "Back in a moment",
            $"This page cannot be shown just now because the publication's database is not answering. Try again in {RetryAfterSeconds} seconds."),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong",
            "This request failed on our side. It has been logged; try again, and tell the editors if it keeps happening."),
    };

    /// <summary>ASP.NET's own form reader gave up on the request (also when the antiforgery check reads the form first).</summary>
    private static bool FormUnreadable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is InvalidDataException && (e.Source ?? "").StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>A connection refused, reset or timed out on the way to the database, not an error in a query.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException or TimeoutException) return true;
            if (e is Npgsql.NpgsqlException { IsTransient: true }) return true;
            if (e is Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }) return true; // shut down, starting, too many connections
        }
        return false;
    }

    private static string Page(string title, string detail, string requestId) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <link rel="stylesheet" href="/assets/site.css">
        </head>
        <body>
        <main id="main">
        <h1>{WebUtility.HtmlEncode(title)}</h1>
        <p>{WebUtility.HtmlEncode(detail)}</p>
        <p>If you tell the editors, quote this reference: <code>{WebUtility.HtmlEncode(requestId)}</code></p>
        <p><a href="/">Go to the front page</a></p>
        </main>
        </body>
        </html>
        """;
}
