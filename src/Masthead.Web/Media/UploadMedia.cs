using System.Security.Cryptography;
using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Hosting;
using Microsoft.Extensions.Options;
using NetVips;

namespace Masthead.Web.Media;

/// <summary>A file and its description, as received.</summary>
public sealed record MediaUpload(byte[] Content, string? FileName, string? Alt = null, string? Caption = null, string? Credit = null)
{
    /// <summary>A file from a newsroom form, read whole (the form's size limit bounds it).</summary>
    public static async Task<MediaUpload> FromFormAsync(IFormFile file, string? alt, string? caption, string? credit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return new MediaUpload(buffer.ToArray(), file.FileName, alt, caption, credit);
    }
}

/// <summary>
/// Adds a picture to the library: checks it by content and size, writes the cleaned master (and, unless told
/// otherwise, every size of it) to a private folder, inserts the row, renames the folder into place and only then
/// commits. Whatever fails, there is neither a row without files nor files without a row. Answers Created, Invalid
/// for the words that describe it, or one of <see cref="MediaRefusals"/> about the file itself.
/// </summary>
public sealed class UploadMedia(
    MastheadDbContext db, ImagePipeline pipeline, MediaStore store, TimeProvider time, IOptions<MastheadOptions> options)
{
    private MediaOptions Limits => options.Value.Media;

    /// <param name="variantsNow">Make every size of the whole picture now; null follows Masthead:Media:VariantsOnUpload.</param>
    public async Task<Result<MediaItem>> UploadAsync(MediaUpload upload, Editor editor, bool? variantsNow, CancellationToken ct)
    {
        var fileName = CleanFileName(upload.FileName);
        var errors = ValidateText(upload.Alt, upload.Caption, upload.Credit);
        if (errors.Any) return Result<MediaItem>.Invalid(errors);

        var content = upload.Content;
        if (content.LongLength > Limits.MaxUploadBytes)
            return MediaRefusals.TooLarge(fileName, content.LongLength, Limits.MaxUploadBytes);
        var type = ImageSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, 64)));
        if (type is null)
            return MediaRefusals.UnsupportedType(fileName, ImageSniffer.Describe(content.AsSpan(0, Math.Min(content.Length, 512))));

        ImageHeader header;
        try
        {
            header = ImagePipeline.ReadHeader(content);
        }
        catch (VipsException)
        {
            return MediaRefusals.Unreadable(fileName, type.Name);
        }
        // libvips must agree with the first bytes: a file that is one thing to us and another to it is refused.
        if (!header.Loader.StartsWith(type.LoaderPrefix, StringComparison.Ordinal))
            return MediaRefusals.Unreadable(fileName, type.Name);
        if (header.Pixels > Limits.MaxPixels)
            return MediaRefusals.TooManyPixels(fileName, header.UprightWidth, header.UprightHeight, Limits.MaxPixels);
        if (header.UprightWidth < Limits.MinWidth)
            return MediaRefusals.TooNarrow(fileName, header.UprightWidth, Limits.MinWidth);

        try
        {
            await pipeline.VerifyDecodesAsync(content, ct);
        }
        catch (VipsException)
        {
            return MediaRefusals.Unreadable(fileName, type.Name);
        }

        var key = NewStorageKey();
        var incoming = store.NewIncomingFolder(key);
        MediaItem? media = null;
        try
        {
            MasterImage master;
            try
            {
                master = await pipeline.WriteMasterAsync(content, header, incoming, type == ImageSniffer.Png || type == ImageSniffer.Gif, ct);
            }
            catch (VipsException)
            {
                return MediaRefusals.Unreadable(fileName, type.Name);
            }

            var now = time.UtcNow();
            media = new MediaItem
            {
                StorageKey = key,
                FileName = fileName,
                ContentType = type.ContentType,
                ByteSize = content.LongLength,
                Width = master.Width,
                Height = master.Height,
                Fallback = master.Fallback,
                Alt = upload.Alt?.Trim() ?? "",
                Caption = NullIfBlank(upload.Caption),
                Credit = NullIfBlank(upload.Credit),
                UploadedByUserId = editor.UserId > 0 ? editor.UserId : null,
                UploadedAt = now,
                ModifiedAt = now,
            };
            if (variantsNow ?? Limits.VariantsOnUpload) await RenderAllSizesAsync(media, incoming, ct);

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Media.Add(media);
            await db.SaveChangesAsync(ct);
            await store.PublishAsync(incoming, key, ct);
            try
            {
                // Past this point the files are in place: finish regardless of the caller giving up.
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch
            {
                await store.RemoveAsync(key);
                throw;
            }
            return Result<MediaItem>.Created(media);
        }
        catch
        {
            // A row that was added but not committed must not be saved later by the same context.
            if (media is not null) db.Entry(media).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            throw;
        }
        finally
        {
            store.TryDelete(incoming);
        }
    }

    private async Task RenderAllSizesAsync(MediaItem media, string folder, CancellationToken ct)
    {
        var reference = MediaRef.From(media);
        var master = ImagePipeline.MasterPath(folder, media.Fallback);
        var formats = pipeline.FormatsFor(media.Fallback);
        foreach (var (width, _) in MediaVariants.Sizes(reference, null))
        {
            var outputs = formats.Select(f => (f, Path.Combine(folder, $"{width}.{f.Extension()}"))).ToList();
            await pipeline.RenderAsync(master, reference, null, width, outputs, ct);
        }
    }

    public static ValidationErrors ValidateText(string? alt, string? caption, string? credit)
    {
        var errors = new ValidationErrors();
        if (alt?.Length > MediaLimits.Alt) errors.Add("alt", $"The alt text is {alt.Length} characters long; the limit is {MediaLimits.Alt}.");
        if (caption?.Length > MediaLimits.Caption) errors.Add("caption", $"The caption is {caption.Length} characters long; the limit is {MediaLimits.Caption}.");
        if (credit?.Length > MediaLimits.Credit) errors.Add("credit", $"The credit is {credit.Length} characters long; the limit is {MediaLimits.Credit}.");
        return errors;
    }

    /// <summary>Keeps the last segment of the name, printable and not too long; it is only ever shown and searched.</summary>
    public static string CleanFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').Last();
        var printable = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (printable.Length > MediaLimits.FileName) printable = printable[^MediaLimits.FileName..];
        return printable.Length == 0 ? "upload" : printable;
    }

    /// <summary>16 characters of a–z and 0–9 (about 82 bits): unguessable, so unpublished pictures cannot be found by counting.</summary>
    public static string NewStorageKey()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
