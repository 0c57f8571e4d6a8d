using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsletters;

/// <summary>What a digest carries when it is sent, and on its view-in-browser page: the same stories, read the same way.</summary>
public static class DigestContents
{
    /// <summary>The digest with its stories that are still published, in the editor's order; null when none is.</summary>
    public static async Task<DigestContent?> LoadAsync(MastheadDbContext db, int digestId, CancellationToken ct)
    {
        var digest = await db.Digests.AsNoTracking().Where(d => d.Id == digestId).Select(d => new { d.Subject, d.Intro }).FirstOrDefaultAsync(ct);
        if (digest is null) return null;
        var stories = await db.Digests.AsNoTracking().Where(d => d.Id == digestId).SelectMany(d => d.Stories)
            .Join(db.Articles.Where(a => a.Status == ArticleStatus.Published), s => s.ArticleId, a => a.Id, (s, a) => new
            {
                s.Position, a.Headline, a.Standfirst, a.Slug, SectionPath = a.PrimarySection.Path,
                HeroUrl = a.HeroImage == null ? null : a.HeroImage.Url, HeroAlt = a.HeroImage == null ? null : a.HeroImage.Alt,
            }).ToListAsync(ct);
        if (stories.Count == 0) return null;
        return new DigestContent(digestId, digest.Subject, digest.Intro, stories.OrderBy(s => s.Position)
            .Select(s => new DigestItem(s.Headline, s.Standfirst, $"/{s.SectionPath}/{s.Slug}", string.IsNullOrEmpty(s.HeroUrl) ? null : s.HeroUrl, s.HeroAlt))
            .ToList());
    }
}
