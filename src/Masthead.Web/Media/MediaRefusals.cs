using Masthead.Core.Common;
using Masthead.Core.Media;

namespace Masthead.Web.Media;

/// <summary>
/// Every way the media library refuses a picture, as the <see cref="Result{T}"/> its use cases answer with: the code is
/// a stable name for programs (the admin API's problem details carry it), the title and message are for people.
/// </summary>
public static class MediaRefusals
{
    public static Result<MediaItem> TooLarge(string file, long size, long limit) => Refused(Outcome.TooLarge, "file-too-large",
        "The file is too large", $"\"{file}\" is {Megabytes(size)}; the limit is {Megabytes(limit)}.");

    /// <summary>When the upload was stopped before its file could be named (the body ran over while being read).</summary>
    public static Result<MediaItem> UploadTooLarge(long? size, long limit) => Refused(Outcome.TooLarge, "file-too-large",
        "The file is too large", size is { } known
            ? $"The upload is {Megabytes(known)}; the limit for one picture is {Megabytes(limit)}."
            : $"The upload is larger than {Megabytes(limit)}, the limit for one picture.");

    public static Result<MediaItem> UnsupportedType(string file, string seemsToBe) => Refused(Outcome.UnsupportedType, "unsupported-type",
        "The file is not a picture the library takes",
        $"\"{file}\" is not a {ImageSniffer.Accepted} picture. {seemsToBe} The type is judged by the file's content, not its name.");

    public static Result<MediaItem> Unreadable(string file, string format) => Refused(Outcome.Unprocessable, "unreadable-image",
        "The picture could not be read", $"\"{file}\" starts like a {format} picture but could not be decoded; it may be damaged or cut short. Export it again and retry.");

    public static Result<MediaItem> TooManyPixels(string file, int width, int height, long limit) => Refused(Outcome.Unprocessable, "too-many-pixels",
        "The picture has too many pixels",
        $"\"{file}\" is {width} × {height} pixels ({Megapixels((long)width * height)}); the limit is {Megapixels(limit)}. Scale it down and retry.");

    public static Result<MediaItem> TooNarrow(string file, int width, int minimum) => Refused(Outcome.Unprocessable, "too-narrow",
        "The picture is too small", $"\"{file}\" is {width} pixels wide; pictures must be at least {minimum} pixels wide to look sharp on a phone.");

    public static Result<MediaItem> NotAnAddress() => Refused(Outcome.Unprocessable, "not-a-picture-address",
        "Not a picture address", "Give the picture's full address, starting with https://.");

    /// <summary>The other site did not hand the picture over; <paramref name="why"/> says what happened instead.</summary>
    public static Result<MediaItem> FetchFailed(string why) => Refused(Outcome.Unprocessable, "fetch-failed", "The picture could not be fetched", why);

    public static Result<MediaItem> InUse(int id, IReadOnlyList<string> uses) => Refused(Outcome.Conflict, "media-in-use",
        "The picture is in use", $"Picture {id} cannot be deleted while it is used: {string.Join("; ", uses)}. Replace it there first.");

    public static Result<MediaItem> NotFound(int id) => Refused(Outcome.NotFound, "not-found", "Not found", $"There is no picture with id {id} in the media library.");

    public static Result<MediaItem> Forbidden() => Refused(Outcome.Forbidden, "forbidden", "Forbidden",
        "Only editors and admins may change or delete pictures someone else uploaded.");

    private static Result<MediaItem> Refused(Outcome outcome, string code, string title, string message) =>
        Result<MediaItem>.Refused(outcome, code, title, message);

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : $"{Math.Ceiling(bytes / 1024.0):0} KB";

    private static string Megapixels(long pixels) => $"{pixels / 1_000_000.0:0.#} megapixels";
}
