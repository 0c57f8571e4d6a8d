using Masthead.Web.Media;
using Microsoft.AspNetCore.Http.Features;

namespace Masthead.Web.AdminApi;

/// <summary>
/// Reads a multipart/form-data upload: exactly one part named "file" and the optional text fields alt, caption
/// and credit. The size limit is enforced while reading, so an oversized file is refused before it is all in.
/// </summary>
public static class UploadForm
{
    private static readonly HashSet<string> TextFields = new(["alt", "caption", "credit"], StringComparer.Ordinal);

    // Room for the text fields and the multipart framing around the file.
    private const long FormOverhead = 64 * 1024;

    public static async Task<(MediaUpload? Upload, IResult? Problem)> ReadAsync(HttpRequest request, MediaOptions limits, CancellationToken ct)
    {
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, JsonBody.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the picture as multipart/form-data, with the file in a part named \"file\" and optional alt, caption and credit fields.", RequestRefusals.UnsupportedContentType));

        var bodyLimit = limits.MaxUploadBytes + FormOverhead;
        if (request.ContentLength > bodyLimit) return (null, TooLarge(request, limits));
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = bodyLimit;

        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                // Each part may be one byte over the limit, so the check below can name the file's size.
                MultipartBodyLengthLimit = limits.MaxUploadBytes + 1,
                ValueCountLimit = 16,
            }));
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(request, limits));
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge(request, limits));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, JsonBody.Problem(StatusCodes.Status400BadRequest, "Malformed form", $"The multipart body could not be read: {ex.Message}", RequestRefusals.MalformedBody));
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in form.Keys.Where(k => !TextFields.Contains(k)))
            errors[key] = [$"Unknown field \"{key}\"; the fields are file, alt, caption and credit."];
        foreach (var extra in form.Files.Where(f => f.Name != "file"))
            errors[extra.Name] = [$"Unknown file part \"{extra.Name}\"; send the picture as \"file\"."];
        var files = form.Files.GetFiles("file");
        if (files.Count == 0) errors["file"] = ["Attach the picture in a part named \"file\"."];
        else if (files.Count > 1) errors["file"] = ["Send one picture per request."];
        if (errors.Count > 0)
            return (null, Results.ValidationProblem(errors, title: "The request has invalid fields", detail: "See errors for what to fix in each field."));

        var file = files[0];
        if (file.Length > limits.MaxUploadBytes)
            return (null, ApiResults.Problem(MediaRefusals.TooLarge(UploadMedia.CleanFileName(file.FileName), file.Length, limits.MaxUploadBytes)));
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        string? Text(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        return (new MediaUpload(content, file.FileName, Text("alt"), Text("caption"), Text("credit")), null);
    }

    private static IResult TooLarge(HttpRequest request, MediaOptions limits) =>
        ApiResults.Problem(MediaRefusals.UploadTooLarge(request.ContentLength, limits.MaxUploadBytes));
}
