using System.Globalization;
using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Settings;

/// <summary>
/// The library side of the settings form's pictures: which pictures to offer, and the address a choice stands for
/// (a library picture, a new upload, an address elsewhere, or none). Everything is read from the database on each
/// request, so any node answers the same.
/// </summary>
public sealed class SettingsPictures(MastheadDbContext db, UploadMedia uploads)
{
    /// <summary>How many of the newest pictures are offered without script (the picker's dialog searches them all).</summary>
    public const int Recent = 12;

    /// <summary>The newest pictures, then any of <paramref name="alsoIds"/> or <paramref name="alsoUrls"/>' pictures not among them.</summary>
    public async Task<List<LibraryPicture>> OfferedAsync(IEnumerable<int> alsoIds, IEnumerable<string?> alsoUrls, CancellationToken ct)
    {
        var recent = await db.Media.AsNoTracking().Matching(null).Take(Recent).ToListAsync(ct);
        var keys = alsoUrls.Select(u => u is null ? null : MediaUrls.KeyOf(u)).OfType<string>().Except(recent.Select(m => m.StorageKey)).ToList();
        var ids = alsoIds.Except(recent.Select(m => m.Id)).ToList();
        var more = keys.Count + ids.Count == 0 ? []
            : await db.Media.AsNoTracking().Where(m => keys.Contains(m.StorageKey) || ids.Contains(m.Id)).OrderByDescending(m => m.Id).ToListAsync(ct);
        return [.. more.Concat(recent).Select(LibraryPicture.From)];
    }

    /// <summary>What one picture's part of the form comes to.</summary>
    /// <param name="Url">The address to store (null for none); meaningless when <paramref name="Error"/> is set.</param>
    /// <param name="Choice">The choice to show again if the form is refused (a new upload's id, once stored).</param>
    /// <param name="Uploaded">The file name of a picture added to the library on the way.</param>
    public sealed record Outcome(string? Url, string? Choice, string? Error = null, string? Uploaded = null);

    /// <summary>
    /// The address a choice stands for. An uploaded file wins over the list, as the last thing the person did; a
    /// library picture keeps the size already stored when it is the same picture, so saving other settings changes nothing.
    /// </summary>
    /// <param name="noun">"the logo", for the messages.</param>
    public async Task<Outcome> ResolveAsync(string? choice, string? address, IFormFile? file, string? stored, string noun, Editor editor, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            if (!Permissions.CanUploadMedia(editor.Role)) return new Outcome(null, choice, $"Your role may not upload pictures, so {noun} was not uploaded.");
            var result = await uploads.UploadAsync(await MediaUpload.FromFormAsync(file, null, null, null, ct), editor, variantsNow: null, ct);
            if (result.Value is not { } media) return new Outcome(null, choice, $"{Capital(noun)} was not uploaded: {result.Refusal()}");
            return new Outcome(LibraryPicture.From(media).Url, Id(media.Id), Uploaded: media.FileName);
        }
        switch (choice)
        {
            case PictureSetting.None:
                return new Outcome(null, choice);
            case null or PictureSetting.Address: // no choice at all: a form made by hand, which gives the address alone
                var trimmed = address?.Trim();
                if (choice is not null && string.IsNullOrEmpty(trimmed))
                    return new Outcome(null, choice, $"Give the address of {noun}, starting with https://, or choose “No {Bare(noun)}”.");
                return new Outcome(string.IsNullOrEmpty(trimmed) ? null : trimmed, choice);
        }
        if (!int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return new Outcome(null, PictureSetting.None, $"Choose {noun} from the list: “{choice}” is not one of its choices.");
        var picture = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (picture is null)
            return new Outcome(null, PictureSetting.None, $"The picture chosen for {noun} is no longer in the media library (it may have just been deleted); choose another.");
        var url = stored is not null && MediaUrls.KeyOf(stored) == picture.StorageKey ? stored : LibraryPicture.From(picture).Url;
        return new Outcome(url, choice);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Capital(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    /// <summary>"the logo" without its article: "logo".</summary>
    private static string Bare(string noun) => noun.StartsWith("the ", StringComparison.Ordinal) ? noun[4..] : noun;
}
