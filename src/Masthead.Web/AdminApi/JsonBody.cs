using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace Masthead.Web.AdminApi;

/// <summary>Reads a JSON request body itself, so malformed or oversized input gets a precise problem detail.</summary>
public static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false), new NulFreeStrings() },
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as JSON with \"Content-Type: application/json\".", RequestRefusals.UnsupportedContentType));
        if (request.ContentLength > MaxBytes)
            return (null, TooLarge());
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = MaxBytes;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object, not null.", RequestRefusals.MalformedBody))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : "";
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, position {ex.BytePositionInLine + 1})" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body could not be read{where}{line}: {FirstSentence(ex.Message)}", RequestRefusals.MalformedBody));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    private static IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body is larger than {MaxBytes / 1024} KiB, the limit for one request.", RequestRefusals.BodyTooLarge);

    /// <param name="code">A stable name for programs (<see cref="RequestRefusals"/>), carried as the problem's <c>code</c>.</param>
    public static IResult Problem(int status, string title, string detail, string? code = null) =>
        Results.Problem(title: title, detail: detail, statusCode: status,
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] + "." : message;
    }
}
