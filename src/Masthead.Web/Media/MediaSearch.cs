using Masthead.Core.Media;

namespace Masthead.Web.Media;

/// <summary>How the library is searched everywhere (admin API, library page, the story editor's picker): by file name, alt text, caption or credit, newest first.</summary>
public static class MediaSearch
{
    public static IQueryable<MediaItem> Matching(this IQueryable<MediaItem> query, string? q)
    {
        // Without NUL characters: PostgreSQL refuses a parameter that holds one (nothing stored holds one either).
        q = Masthead.Core.Data.NulScrubber.Clean(q);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(m => m.FileName.ToLower().Contains(term) || m.Alt.ToLower().Contains(term)
                || (m.Caption != null && m.Caption.ToLower().Contains(term)) || (m.Credit != null && m.Credit.ToLower().Contains(term)));
        }
        return query.OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id);
    }
}
