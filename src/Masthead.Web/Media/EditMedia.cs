using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Media;

/// <summary>The describable parts of a picture; a field left out (null) keeps its value.</summary>
public sealed record MediaEdit(string? Alt, string? Caption, string? Credit, FocalPointInput? FocalPoint);

/// <summary>Fractions of the width and height, 0 to 1, from the top left.</summary>
public sealed record FocalPointInput(double? X, double? Y);

/// <summary>Changes a picture's alt text, caption, credit or focal point. Moving the focal point re-cuts its crops.</summary>
public sealed class EditMedia(MastheadDbContext db, MediaStore store, TimeProvider time)
{
    public async Task<Result<MediaItem>> UpdateAsync(int id, MediaEdit edit, Editor editor, CancellationToken ct)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (media is null) return MediaRefusals.NotFound(id);
        if (!editor.MayEdit(media)) return MediaRefusals.Forbidden();

        var errors = UploadMedia.ValidateText(edit.Alt, edit.Caption, edit.Credit);
        (double X, double Y)? focal = null;
        if (edit.FocalPoint is { } point)
        {
            var x = Fraction(point.X, "focalPoint.x", errors);
            var y = Fraction(point.Y, "focalPoint.y", errors);
            if (x is not null && y is not null) focal = (x.Value, y.Value);
        }
        if (errors.Any) return Result<MediaItem>.Invalid(errors);

        if (edit.Alt is not null) media.Alt = edit.Alt.Trim();
        if (edit.Caption is not null) media.Caption = UploadMedia.NullIfBlank(edit.Caption);
        if (edit.Credit is not null) media.Credit = UploadMedia.NullIfBlank(edit.Credit);
        var moved = focal is { } f && (f.X != media.FocalX || f.Y != media.FocalY);
        if (focal is { } p)
        {
            media.FocalX = p.X;
            media.FocalY = p.Y;
        }
        media.ModifiedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);

        if (moved)
        {
            // Crop addresses carry the focal point, so pages must be rendered afresh to name the new ones.
            await store.DeleteCropsAsync(media.StorageKey);
        }
        return Result<MediaItem>.Ok(media);
    }

    // Thousandths: finer than anyone can point, and exactly what crop addresses carry.
    private static double? Fraction(double? value, string field, ValidationErrors errors)
    {
        if (value is not { } v || !double.IsFinite(v) || v < 0 || v > 1)
        {
            errors.Add(field, "Give a number from 0 to 1: a fraction of the picture's size from its top left (0.5 is the middle).");
            return null;
        }
        return Math.Round(v, 3);
    }
}
