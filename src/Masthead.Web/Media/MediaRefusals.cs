namespace Masthead.Web.Media;

/// <summary>
/// Why a picture was refused, in the terms of an RFC 9457 problem: <see cref="Code"/> is a stable name for
/// programs (the newsroom UI picks its message by it), the title and detail are for people.
/// </summary>
public sealed record MediaProblem(int Status, string Code, string Title, string Detail)
{
    public static MediaProblem TooLarge(string file, long size, long limit) => new(StatusCodes.Status413PayloadTooLarge, "file-too-large",
        "The file is too large", $"\"{file}\" is {Megabytes(size)}; the limit is {Megabytes(limit)}.");

    /// <summary>When the upload was stopped before its file could be named (the body ran over while being read).</summary>
    public static MediaProblem UploadTooLarge(long? size, long limit) => new(StatusCodes.Status413PayloadTooLarge, "file-too-large",
        "The file is too large", size is { } known
            ? $"The upload is {Megabytes(known)}; the limit for one picture is {Megabytes(limit)}."
            : $"The upload is larger than {Megabytes(limit)}, the limit for one picture.");

    public static MediaProblem UnsupportedType(string file, string seemsToBe) => new(StatusCodes.Status415UnsupportedMediaType, "unsupported-type",
        "The file is not a picture the library takes",
        $"\"{file}\" is not a {ImageSniffer.Accepted} picture. {seemsToBe} The type is judged by the file's content, not its name.");

    public static MediaProblem Unreadable(string file, string format) => new(StatusCodes.Status422UnprocessableEntity, "unreadable-image",
        "The picture could not be read", $"\"{file}\" starts like a {format} picture but could not be decoded; it may be damaged or cut short. Export it again and retry.");

    public static MediaProblem TooManyPixels(string file, int width, int height, long limit) => new(StatusCodes.Status422UnprocessableEntity, "too-many-pixels",
        "The picture has too many pixels",
        $"\"{file}\" is {width} × {height} pixels ({Megapixels((long)width * height)}); the limit is {Megapixels(limit)}. Scale it down and retry.");

    public static MediaProblem TooNarrow(string file, int width, int minimum) => new(StatusCodes.Status422UnprocessableEntity, "too-narrow",
        "The picture is too small", $"\"{file}\" is {width} pixels wide; pictures must be at least {minimum} pixels wide to look sharp on a phone.");

    public static MediaProblem InUse(int id, IReadOnlyList<string> uses) => new(StatusCodes.Status409Conflict, "media-in-use",
        "The picture is in use", $"Picture {id} cannot be deleted while it is used: {string.Join("; ", uses)}. Replace it there first.");

    public static MediaProblem NotFound(int id) => new(StatusCodes.Status404NotFound, "not-found", "Not found", $"There is no picture with id {id} in the media library.");

    public static MediaProblem Forbidden() => new(StatusCodes.Status403Forbidden, "forbidden", "Forbidden",
        "Only editors and admins may change or delete pictures someone else uploaded.");

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : $"{Math.Ceiling(bytes / 1024.0):0} KB";

    private static string Megapixels(long pixels) => $"{pixels / 1_000_000.0:0.#} megapixels";
}
