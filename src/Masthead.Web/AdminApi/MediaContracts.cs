using Masthead.Core.Media;

namespace Masthead.Web.AdminApi;

// What the media endpoints return. Every address is a path on this site; pages are free to use any of them.

/// <summary>A picture in full: its description, its focal point and every file it is published as.</summary>
public sealed record MediaDto(
    int Id, string FileName, string ContentType, int Width, int Height, long ByteSize,
    string Alt, string? Caption, string? Credit, FocalPointDto FocalPoint,
    MediaUploaderDto? UploadedBy, DateTime UploadedAt, DateTime ModifiedAt,
    string Url, IReadOnlyList<MediaFileSetDto> Sizes, IReadOnlyList<MediaCropDto> Crops);

/// <summary>A picture as the library lists it, for picking one to reuse.</summary>
public sealed record MediaSummaryDto(
    int Id, string FileName, int Width, int Height, string Alt, string? Caption, string? Credit, FocalPointDto FocalPoint,
    MediaUploaderDto? UploadedBy, DateTime UploadedAt, string Url, string ThumbnailUrl);

public sealed record FocalPointDto(double X, double Y);

public sealed record MediaUploaderDto(int Id, string Name);

/// <summary>One size in each format; <c>avif</c> is null where AVIF is not published.</summary>
public sealed record MediaFileSetDto(int Width, int Height, string? Avif, string Webp, string Fallback);

/// <summary>A shape cut around the focal point ("16:9" for cards, "1:1" for thumbnails), in every size.</summary>
public sealed record MediaCropDto(string Aspect, string Url, IReadOnlyList<MediaFileSetDto> Sizes);

public static class MediaDtos
{
    public static MediaDto Full(MediaItem m, MediaUploaderDto? uploader, bool avif)
    {
        var reference = MediaRef.From(m);
        return new MediaDto(m.Id, m.FileName, m.ContentType, m.Width, m.Height, m.ByteSize, m.Alt, m.Caption, m.Credit,
            new FocalPointDto(m.FocalX, m.FocalY), uploader, m.UploadedAt, m.ModifiedAt,
            MediaUrls.Default(reference), Files(reference, null, avif),
            CropAspect.All.Select(a => new MediaCropDto(a.Label, MediaUrls.Default(reference, a), Files(reference, a, avif))).ToList());
    }

    public static MediaSummaryDto Summary(MediaItem m, MediaUploaderDto? uploader)
    {
        var reference = MediaRef.From(m);
        var thumbnail = MediaVariants.Sizes(reference, CropAspect.Square)[0].Width;
        return new MediaSummaryDto(m.Id, m.FileName, m.Width, m.Height, m.Alt, m.Caption, m.Credit, new FocalPointDto(m.FocalX, m.FocalY),
            uploader, m.UploadedAt, MediaUrls.Default(reference), MediaUrls.For(reference, m.Fallback.ToImageFormat(), thumbnail, CropAspect.Square));
    }

    private static List<MediaFileSetDto> Files(MediaRef m, CropAspect? aspect, bool avif) =>
        MediaVariants.Sizes(m, aspect).Select(s => new MediaFileSetDto(s.Width, s.Height,
            avif ? MediaUrls.For(m, ImageFormat.Avif, s.Width, aspect) : null,
            MediaUrls.For(m, ImageFormat.Webp, s.Width, aspect),
            MediaUrls.For(m, m.Fallback.ToImageFormat(), s.Width, aspect))).ToList();
}
