using Masthead.Core.Articles;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.PublicSite;

/// <summary>Read-side projections for the public site: only published stories, never tracked, shaped for the templates.</summary>
public sealed class PublicQueries(MastheadDbContext db)
{
    public const int PageSize = 20;

    private IQueryable<Article> Published => db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);

    private static IQueryable<ArticleCard> ToCards(IQueryable<Article> articles) => articles
        .OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id)
        .Select(a => new ArticleCard(
            a.Id, a.Headline, a.Slug, a.PrimarySection.Path, a.PrimarySection.Name, a.Standfirst, a.FirstPublishedAt!.Value,
            a.HeroImage == null ? null : new ImageModel(a.HeroImage.Url, a.HeroImage.Alt, a.HeroImage.Width, a.HeroImage.Height, null, null,
                a.HeroImage.Media == null ? null : new MediaRef(a.HeroImage.Media.StorageKey, a.HeroImage.Media.Width, a.HeroImage.Media.Height,
                    a.HeroImage.Media.FocalX, a.HeroImage.Media.FocalY, a.HeroImage.Media.Fallback)),
            a.Bylines.OrderBy(b => b.Position).Select(b => b.Author.Name).ToList()));

    public async Task<HomePageModel> HomeAsync(SiteModel site, CancellationToken ct)
    {
        var latest = await ToCards(Published).Take(7).ToListAsync(ct);
        var shown = latest.Select(c => c.Id).ToList();
        var rows = new List<SectionRow>();
        foreach (var section in site.TopSections)
        {
            var ids = section.SelfAndDescendants().Select(s => s.Id).ToList();
            var cards = await ToCards(InSections(ids).Where(a => !shown.Contains(a.Id))).Take(4).ToListAsync(ct);
            if (cards.Count > 0) rows.Add(new SectionRow(section, cards));
        }
        return new HomePageModel(latest.FirstOrDefault(), latest.Skip(1).ToList(), rows);
    }

    private IQueryable<Article> InSections(List<int> sectionIds) =>
        Published.Where(a => sectionIds.Contains(a.PrimarySectionId) || a.SecondarySections.Any(s => sectionIds.Contains(s.SectionId)));

    public async Task<SectionPageModel> SectionAsync(SectionNode section, int page, CancellationToken ct)
    {
        var ids = section.SelfAndDescendants().Select(s => s.Id).ToList();
        var query = InSections(ids);
        var total = await query.CountAsync(ct);
        var cards = await ToCards(query).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new SectionPageModel(section, cards, new Paging(page, PageSize, total));
    }

    public async Task<AuthorPageModel?> AuthorAsync(string slug, int page, CancellationToken ct)
    {
        var author = await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (author is null) return null;
        var query = Published.Where(a => a.Bylines.Any(b => b.AuthorId == author.Id));
        var total = await query.CountAsync(ct);
        var cards = await ToCards(query).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuthorPageModel(author.Name, author.Slug, author.Bio, author.PhotoUrl, author.Links, cards, new Paging(page, PageSize, total));
    }

    public async Task<TagPageModel?> TagAsync(string slug, int page, CancellationToken ct)
    {
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tag is null) return null;
        var query = Published.Where(a => a.Tags.Any(t => t.TagId == tag.Id));
        var total = await query.CountAsync(ct);
        var cards = await ToCards(query).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new TagPageModel(tag.Name, tag.Slug, cards, new Paging(page, PageSize, total));
    }

    public Task<StandalonePageModel?> PageAsync(string slug, CancellationToken ct) =>
        db.Pages.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new StandalonePageModel(p.Title, p.Slug, p.BodyHtml, p.ModifiedAt))
            .FirstOrDefaultAsync(ct);

    /// <summary>What the public site knows of an article slug: its state and primary section, or an old slug's redirect target.</summary>
    public async Task<(int Id, ArticleStatus Status, int SectionId)?> LookupAsync(string slug, CancellationToken ct)
    {
        var found = await db.Articles.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Status, a.PrimarySectionId }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Id, found.Status, found.PrimarySectionId);
    }

    public async Task<(string Slug, int SectionId)?> RedirectTargetAsync(string oldSlug, CancellationToken ct)
    {
        var target = await db.ArticleRedirects.AsNoTracking().Where(r => r.OldSlug == oldSlug)
            .Join(db.Articles.Where(a => a.Status == ArticleStatus.Published), r => r.ArticleId, a => a.Id, (r, a) => new { a.Slug, a.PrimarySectionId })
            .FirstOrDefaultAsync(ct);
        return target is null ? null : (target.Slug, target.PrimarySectionId);
    }

    public async Task<ArticlePageModel?> ArticleAsync(SiteModel site, int id, CancellationToken ct)
    {
        var a = await Published.Where(x => x.Id == id)
            .Include(x => x.Bylines).ThenInclude(b => b.Author)
            .Include(x => x.Credits).ThenInclude(c => c.Author)
            .Include(x => x.Tags).ThenInclude(t => t.Tag)
            .Include(x => x.Notes)
            .Include(x => x.HeroImage!.Media)
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (a is null || !site.SectionsById.TryGetValue(a.PrimarySectionId, out var section)) return null;

        var tagIds = a.Tags.Select(t => t.TagId).ToList();
        var related = await ToCards(Published.Where(x => x.Id != id && x.Tags.Any(t => tagIds.Contains(t.TagId))))
            .Take(4).ToListAsync(ct);
        if (related.Count < 4)
        {
            var exclude = related.Select(r => r.Id).Append(id).ToList();
            related.AddRange(await ToCards(Published.Where(x => x.PrimarySectionId == a.PrimarySectionId && !exclude.Contains(x.Id)))
                .Take(4 - related.Count).ToListAsync(ct));
        }

        var hero = a.HeroImage is { } h
            ? new ImageModel(h.Url, h.Alt, h.Width, h.Height, h.Caption, h.Credit, h.Media is { } m ? MediaRef.From(m) : null)
            : null;
        return new ArticlePageModel(
            a.Id, a.Headline, a.Slug, a.Standfirst, a.BodyHtml, section,
            a.Bylines.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Name, b.Author.Slug)).ToList(),
            a.Credits.OrderBy(c => c.Position).Select(c => new CreditLine(c.Role, c.Name, c.Author?.Slug)).ToList(),
            a.Tags.Select(t => new TagLink(t.Tag.Name, t.Tag.Slug)).OrderBy(t => t.Name).ToList(),
            a.Notes.OrderBy(n => n.At).Select(n => new NoteModel(n.Kind, n.Text, n.At)).ToList(),
            hero, a.SeoTitle, a.SeoDescription, a.FirstPublishedAt!.Value, a.UpdatedAt, a.ModifiedAt, related);
    }
}
