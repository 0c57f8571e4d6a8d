using Masthead.Core.Accounts;
using Masthead.Core.Data;
using Masthead.Core.Import;
using Masthead.Core.Media;
using Masthead.Web.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Import;

/// <summary>
/// Imported pictures go through the same checks and pipeline as uploads. Each runs in a scope of its own,
/// so the picture's own transaction (row plus files) never mixes with the import's.
/// </summary>
public sealed class ImportMediaStore(IServiceScopeFactory scopes) : IImportMediaStore
{
    public async Task<(ImportedPicture? Picture, string? Problem)> AddAsync(string file, string? alt, string? caption, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var upload = scope.ServiceProvider.GetRequiredService<UploadMedia>();
        var content = await File.ReadAllBytesAsync(file, ct);
        // Only Masthead's own limits apply to descriptions; longer ones stay on the story, not the picture.
        var result = await upload.UploadAsync(new MediaUpload(content, Path.GetFileName(file), Trim(alt, MediaLimits.Alt), Trim(caption, MediaLimits.Caption)),
            Editor.System, variantsNow: false, ct);
        return result.Value is { } media ? (ToPicture(media), null) : (null, result.Refusal(withTitle: false));
    }

    public async Task<ImportedPicture?> FindAsync(int mediaId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var media = await scope.ServiceProvider.GetRequiredService<MastheadDbContext>().Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, ct);
        return media is null ? null : ToPicture(media);
    }

    public async Task RemoveAsync(int mediaId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeleteMedia>().DeleteAsync(mediaId, Editor.System, ct);
    }

    private static ImportedPicture ToPicture(MediaItem media) => new(media.Id, MediaUrls.Default(MediaRef.From(media)), media.Width, media.Height);

    private static string? Trim(string? text, int limit) => text is { Length: > 0 } t && t.Length > limit ? t[..limit] : text;
}
