using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Media;

/// <summary>
/// Deletes a picture that nothing uses: no story's hero, no story, page body or author photo linking to its files,
/// and not the publication's logo or default social image.
/// The row goes and the files are withdrawn in one transaction, so a failure leaves both.
/// </summary>
public sealed class DeleteMedia(MastheadDbContext db, MediaStore store)
{
    /// <returns>The deleted picture, or why not: not found, forbidden, or in use (with where).</returns>
    public async Task<Result<MediaItem>> DeleteAsync(int id, Editor editor, CancellationToken ct)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (media is null) return MediaRefusals.NotFound(id);
        if (!editor.MayEdit(media)) return MediaRefusals.Forbidden();
        var uses = await UsesAsync(media, ct);
        if (uses.Count > 0) return MediaRefusals.InUse(id, uses);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Media.Remove(media);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A story took it as its hero between the check and the delete; the foreign key refused.
            db.Entry(media).State = EntityState.Detached;
            return MediaRefusals.InUse(id, ["a story saved a moment ago"]);
        }
        var withdrawal = await store.WithdrawAsync(media.StorageKey);
        try
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch
        {
            await withdrawal.RestoreAsync();
            throw;
        }
        await withdrawal.CompleteAsync();
        return Result<MediaItem>.Ok(media);
    }

    /// <summary>One place a picture appears: in words, and the page where it can be seen or changed.</summary>
    public sealed record Use(string Text, string Url);

    /// <summary>Where the picture appears, in words, at most a few of each kind.</summary>
    public async Task<List<string>> UsesAsync(MediaItem media, CancellationToken ct) =>
        [.. (await UseListAsync(media, ct)).Select(u => u.Text)];

    /// <summary>Where the picture appears, with a link to each place, at most <paramref name="few"/> of each kind.</summary>
    public async Task<List<Use>> UseListAsync(MediaItem media, CancellationToken ct, int few = 5)
    {
        var link = $"{MediaUrls.Prefix}/{media.StorageKey}/";
        var uses = new List<Use>();
        uses.AddRange((await db.Articles.AsNoTracking().Where(a => a.HeroImage!.MediaId == media.Id)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Headline }).Take(few).ToListAsync(ct))
            .Select(a => new Use($"hero picture of article {a.Id} \"{a.Headline}\"", $"/newsroom/stories/{a.Id}")));
        uses.AddRange((await db.Articles.AsNoTracking().Where(a => a.BodyMarkdown.Contains(link))
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Headline }).Take(few).ToListAsync(ct))
            .Select(a => new Use($"in the body of article {a.Id} \"{a.Headline}\"", $"/newsroom/stories/{a.Id}")));
        uses.AddRange((await db.Pages.AsNoTracking().Where(p => p.BodyMarkdown.Contains(link))
            .OrderBy(p => p.Id).Select(p => new { p.Slug, p.Title }).Take(few).ToListAsync(ct))
            .Select(p => new Use($"in the page \"{p.Title}\"", $"/{p.Slug}")));
        uses.AddRange((await db.Authors.AsNoTracking().Where(a => a.PhotoUrl != null && a.PhotoUrl.Contains(link))
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).Take(few).ToListAsync(ct))
            .Select(a => new Use($"photo of author {a.Name}", $"/newsroom/authors/{a.Id}")));
        var publication = await db.Publication.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.LogoUrl, p.DefaultSocialImageUrl }).FirstOrDefaultAsync(ct);
        bool Shows(string? url) => url is not null && MediaUrls.KeyOf(url) == media.StorageKey;
        if (Shows(publication?.LogoUrl)) uses.Add(new Use("the publication's logo", "/newsroom/settings"));
        if (Shows(publication?.DefaultSocialImageUrl)) uses.Add(new Use("the publication's default social image", "/newsroom/settings"));
        return uses;
    }
}
