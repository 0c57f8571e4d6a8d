using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Web.PublicSite;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.ContentApi;

/// <summary>
/// The Content API's reads. Every article query starts from <see cref="Published"/>, so drafts, scheduled, in-review
/// and unpublished stories cannot be reached by any parameter; every answer is tagged for the page cache, so a
/// publish or an edit evicts exactly what it changed.
/// </summary>
public sealed class ContentQueries(MastheadDbContext db, PageTags cacheTags)
{
    /// <summary>
    /// Members-only stories come whole instead of as their teaser. Only for webhooks, which go to the publisher's own
    /// systems; the Content API, which any holder of a public key reads, never sets it.
    /// </summary>
    public bool MembersText { get; init; }

    private IQueryable<Article> Published => db.Articles.AsNoTracking().Published();

    private sealed record Row(
        int Id, string Slug, string Headline, string Standfirst, string BodyHtml, int PrimarySectionId, ContentImage? Hero,
        string? SeoTitle, string? SeoDescription, DateTime PublishedAt, DateTime ModifiedAt, StoryAccess Access,
        DateTime? LiveStartedAt, DateTime? LiveEndedAt, int EntryCount);

    private IQueryable<Row> Rows(IQueryable<Article> articles) => articles.Select(a => new Row(
        a.Id, a.Slug, a.Headline, a.Standfirst, a.BodyHtml, a.PrimarySectionId,
        a.HeroImage == null ? null : new ContentImage(a.HeroImage.Url, a.HeroImage.Alt, a.HeroImage.Caption, a.HeroImage.Credit, a.HeroImage.Width, a.HeroImage.Height),
        a.SeoTitle, a.SeoDescription, a.FirstPublishedAt!.Value, a.ModifiedAt, a.Access,
        a.LiveStartedAt, a.LiveEndedAt, a.LiveStartedAt == null ? 0 : db.LiveEntries.Count(e => e.ArticleId == a.Id)));

    public async Task<(IReadOnlyList<ContentArticle> Articles, ContentCursor? Next)> ArticlesAsync(SiteModel site, ArticleListQuery q, CancellationToken ct)
    {
        // Any story published, changed or withdrawn evicts "latest", so every list is fresh after any change.
        cacheTags.Add(PublicCacheTags.Latest);
        var articles = Published;
        if (q.Section is { } section)
        {
            var ids = (q.Subsections ? section.SelfAndDescendants() : [section]).Select(s => s.Id).ToList();
            articles = articles.InSections(ids);
        }
        if (q.Author is { } typedAuthor && Slug.Normalize(typedAuthor) is var author) articles = articles.Where(a => a.Bylines.Any(b => b.Author.Slug == author));
        if (q.Tag is { } typedTag && Slug.Normalize(typedTag) is var tag) articles = articles.Where(a => a.Tags.Any(t => t.Tag.Slug == tag));
        if (q.PublishedAfter is { } after) articles = articles.Where(a => a.FirstPublishedAt >= after);
        if (q.PublishedBefore is { } before) articles = articles.Where(a => a.FirstPublishedAt < before);

        if (q.Cursor is { } c)
        {
            var at = c.At;
            articles = q.Sort switch
            {
                ContentSort.PublishedDesc => articles.Where(a => a.FirstPublishedAt < at || (a.FirstPublishedAt == at && a.Id < c.Id)),
                ContentSort.PublishedAsc => articles.Where(a => a.FirstPublishedAt > at || (a.FirstPublishedAt == at && a.Id > c.Id)),
                ContentSort.UpdatedDesc => articles.Where(a => a.ModifiedAt < at || (a.ModifiedAt == at && a.Id < c.Id)),
                _ => articles.Where(a => a.ModifiedAt > at || (a.ModifiedAt == at && a.Id > c.Id)),
            };
        }
        articles = q.Sort switch
        {
            ContentSort.PublishedDesc => articles.OrderByDescending(a => a.FirstPublishedAt).ThenByDescending(a => a.Id),
            ContentSort.PublishedAsc => articles.OrderBy(a => a.FirstPublishedAt).ThenBy(a => a.Id),
            ContentSort.UpdatedDesc => articles.OrderByDescending(a => a.ModifiedAt).ThenByDescending(a => a.Id),
            _ => articles.OrderBy(a => a.ModifiedAt).ThenBy(a => a.Id),
        };

        var rows = await Rows(articles).Take(q.Limit + 1).ToListAsync(ct);
        ContentCursor? next = null;
        if (rows.Count > q.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            var value = q.Sort is ContentSort.PublishedDesc or ContentSort.PublishedAsc ? last.PublishedAt : last.ModifiedAt;
            next = new ContentCursor(q.Sort, value.Ticks, last.Id);
        }
        return (await ShapeAsync(site, rows, q.Shape, ct), next);
    }

    public async Task<ContentArticle?> ArticleAsync(SiteModel site, int? id, string? slug, ArticleShape shape, CancellationToken ct)
    {
        var normal = Slug.Normalize(slug);
        var articles = id is { } i ? Published.Where(a => a.Id == i) : Published.Where(a => a.Slug == normal);
        var row = await Rows(articles).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        return (await ShapeAsync(site, [row], shape, ct)).FirstOrDefault();
    }

    /// <summary>Adds what <c>include=</c> asked for, one statement per kind of related thing for the whole page.</summary>
    private async Task<IReadOnlyList<ContentArticle>> ShapeAsync(SiteModel site, List<Row> rows, ArticleShape shape, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        cacheTags.AddArticles(ids);

        var authors = shape.Has("authors")
            ? (await db.Set<Byline>().AsNoTracking().Where(b => ids.Contains(b.ArticleId)).OrderBy(b => b.Position)
                .Select(b => new { b.ArticleId, b.Author.Id, b.Author.Name, b.Author.Slug, b.Author.Bio, b.Author.PhotoUrl, b.Author.Links }).ToListAsync(ct))
                .ToLookup(b => b.ArticleId, b => new ContentAuthor(b.Id, b.Name, b.Slug, b.Bio, b.PhotoUrl, b.Links, site.AbsoluteUrl($"/author/{b.Slug}")))
            : null;
        var tags = shape.Has("tags")
            ? (await db.Set<ArticleTag>().AsNoTracking().Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.Tag.Id, t.Tag.Name, t.Tag.Slug }).ToListAsync(ct))
                .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
                .ToLookup(t => t.ArticleId, t => new ContentTag(t.Id, t.Name, t.Slug, site.AbsoluteUrl($"/tag/{t.Slug}")))
            : null;
        var credits = shape.Has("credits")
            ? (await db.Set<Credit>().AsNoTracking().Where(c => ids.Contains(c.ArticleId)).OrderBy(c => c.Position)
                .Select(c => new { c.ArticleId, c.Role, c.Name, AuthorSlug = c.Author == null ? null : c.Author.Slug, c.Kind }).ToListAsync(ct))
                .ToLookup(c => c.ArticleId, c => new ContentCredit(c.Role, c.Name, c.AuthorSlug, CreditKindNames.Of(c.Kind)))
            : null;
        var notes = shape.Has("notes")
            ? (await db.Set<ArticleNote>().AsNoTracking().Where(n => ids.Contains(n.ArticleId)).OrderBy(n => n.At)
                .Select(n => new { n.ArticleId, n.Kind, n.Text, n.At }).ToListAsync(ct))
                .ToLookup(n => n.ArticleId, n => new ContentNote(n.Kind == ArticleNoteKind.Correction ? "correction" : "update", n.Text, n.At))
            : null;

        var result = new List<ContentArticle>(rows.Count);
        foreach (var r in rows)
        {
            if (!site.SectionsById.TryGetValue(r.PrimarySectionId, out var section)) continue;
            result.Add(new ContentArticle(
                r.Id, r.Slug, r.Headline, r.Standfirst, site.AbsoluteUrl($"/{section.Path}/{r.Slug}"),
                MembersText ? r.BodyHtml : Teaser.PublicHtml(r.BodyHtml, r.Access), section.Id, section.Path,
                r.Hero is { } h ? h with { Url = site.AbsoluteOrSame(h.Url) } : null, r.SeoTitle, r.SeoDescription, r.PublishedAt, r.ModifiedAt,
                StoryAccessNames.Of(r.Access))
            {
                Section = shape.Has("section") ? SectionOf(site, section, withChildren: false) : null,
                Authors = authors?[r.Id].ToList(),
                Tags = tags?[r.Id].ToList(),
                Credits = credits?[r.Id].ToList(),
                Notes = notes?[r.Id].ToList(),
                LiveBlog = r.LiveStartedAt is { } started
                    ? new ContentLiveBlog(r.LiveEndedAt is null ? "live" : "ended", started, r.LiveEndedAt, r.EntryCount, site.AbsoluteUrl($"{ContentApiEndpoints.Prefix}/articles/{r.Id}/entries"))
                    : null,
            });
        }
        return result;
    }

    /// <summary>
    /// A page of a public live blog's entries, newest first, starting strictly after the cursor's entry; null when
    /// there is no published story with that id or slug; IsLiveBlog false (and no entries) when the story is not a live blog.
    /// </summary>
    public async Task<(int ArticleId, bool IsLiveBlog, IReadOnlyList<ContentLiveEntry> Entries, ContentCursor? Next)?> EntriesAsync(
        SiteModel site, int? id, string? slug, int limit, ContentCursor? cursor, CancellationToken ct)
    {
        var normal = Slug.Normalize(slug);
        var articles = id is { } i ? Published.Where(a => a.Id == i) : Published.Where(a => a.Slug == normal);
        var story = await articles.Select(a => new { a.Id, a.Slug, a.PrimarySectionId, a.LiveStartedAt }).FirstOrDefaultAsync(ct);
        if (story is null || !site.SectionsById.TryGetValue(story.PrimarySectionId, out var section)) return null;
        cacheTags.Add(PublicCacheTags.Article(story.Id));
        if (story.LiveStartedAt is null) return (story.Id, false, [], null);

        var entries = db.LiveEntries.AsNoTracking().Where(e => e.ArticleId == story.Id);
        if (cursor is { } c)
        {
            var at = c.At;
            entries = entries.Where(e => e.PublishedAt < at || (e.PublishedAt == at && e.Id < c.Id));
        }
        var rows = await entries.OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).Take(limit + 1)
            .Select(e => new { e.Id, e.BodyHtml, e.IsKeyEvent, e.PublishedAt, e.UpdatedAt, AuthorName = e.Author == null ? null : e.Author.Name, AuthorSlug = e.Author == null ? null : e.Author.Slug })
            .ToListAsync(ct);
        ContentCursor? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new ContentCursor(ContentSort.PublishedDesc, rows[^1].PublishedAt.Ticks, rows[^1].Id);
        }
        var storyUrl = site.AbsoluteUrl($"/{section.Path}/{story.Slug}");
        return (story.Id, true, rows.Select(e => new ContentLiveEntry(e.Id, story.Id, $"{storyUrl}#entry-{e.Id}", e.BodyHtml, e.IsKeyEvent, e.PublishedAt, e.UpdatedAt,
            e.AuthorName is null ? null : new ContentEntryAuthor(e.AuthorName, e.AuthorSlug!, site.AbsoluteUrl($"/author/{e.AuthorSlug}")))).ToList(), next);
    }

    /// <summary>One entry of a public live blog, as a webhook sends it; null when the entry or its story is not public.</summary>
    public async Task<ContentLiveEntry?> EntryAsync(SiteModel site, int entryId, CancellationToken ct)
    {
        var e = await db.LiveEntries.AsNoTracking().Where(e => e.Id == entryId && Published.Any(a => a.Id == e.ArticleId))
            .Select(e => new { e.Id, e.ArticleId, e.BodyHtml, e.IsKeyEvent, e.PublishedAt, e.UpdatedAt, AuthorName = e.Author == null ? null : e.Author.Name, AuthorSlug = e.Author == null ? null : e.Author.Slug })
            .FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var story = await Published.Where(a => a.Id == e.ArticleId).Select(a => new { a.Slug, a.PrimarySectionId }).FirstAsync(ct);
        if (!site.SectionsById.TryGetValue(story.PrimarySectionId, out var section)) return null;
        return new ContentLiveEntry(e.Id, e.ArticleId, site.AbsoluteUrl($"/{section.Path}/{story.Slug}#entry-{e.Id}"), e.BodyHtml, e.IsKeyEvent, e.PublishedAt, e.UpdatedAt,
            e.AuthorName is null ? null : new ContentEntryAuthor(e.AuthorName, e.AuthorSlug!, site.AbsoluteUrl($"/author/{e.AuthorSlug}")));
    }

    public static ContentSection SectionOf(SiteModel site, SectionNode s, bool withChildren) =>
        new(s.Id, s.Name, s.Path, s.ParentId, s.Description, site.AbsoluteUrl(s.Url))
        {
            Children = withChildren ? s.Children.Select(c => SectionOf(site, c, true)).ToList() : null,
        };

    public IReadOnlyList<ContentSection> SectionTree(SiteModel site) =>
        site.TopSections.Select(s => SectionOf(site, s, withChildren: true)).ToList();

    public async Task<IReadOnlyList<ContentAuthor>> AuthorsAsync(SiteModel site, string? slug, CancellationToken ct)
    {
        var query = db.Authors.AsNoTracking();
        if (slug is not null && Slug.Normalize(slug) is var normal) query = query.Where(a => a.Slug == normal);
        var rows = await query.OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.Slug, a.Bio, a.PhotoUrl, a.Links }).ToListAsync(ct);
        return rows.Select(a => new ContentAuthor(a.Id, a.Name, a.Slug, a.Bio, a.PhotoUrl, a.Links, site.AbsoluteUrl($"/author/{a.Slug}"))).ToList();
    }

    /// <summary>Only tags that published stories carry: a tag used by drafts alone could give away what is being written.</summary>
    public async Task<IReadOnlyList<ContentTag>> TagsAsync(SiteModel site, string? slug, CancellationToken ct)
    {
        cacheTags.Add(PublicCacheTags.Latest); // the counts change with every publish
        var query = db.Tags.AsNoTracking();
        if (slug is not null && Slug.Normalize(slug) is var normal) query = query.Where(t => t.Slug == normal);
        var rows = await query
            .Select(t => new { t.Id, t.Name, t.Slug, Count = db.Set<ArticleTag>().Count(x => x.TagId == t.Id && db.Articles.Any(a => a.Id == x.ArticleId && a.Status == ArticleStatus.Published)) })
            .Where(t => t.Count > 0)
            .OrderBy(t => t.Name).ToListAsync(ct);
        return rows.Select(t => new ContentTag(t.Id, t.Name, t.Slug, site.AbsoluteUrl($"/tag/{t.Slug}")) { ArticleCount = t.Count }).ToList();
    }

    public async Task<IReadOnlyList<ContentPage>> PagesAsync(SiteModel site, string? slug, CancellationToken ct)
    {
        var query = db.Pages.AsNoTracking();
        if (slug is not null && Slug.Normalize(slug) is var normal) query = query.Where(p => p.Slug == normal);
        var rows = await query.OrderBy(p => p.SortOrder).ThenBy(p => p.Title)
            .Select(p => new { p.Id, p.Title, p.Slug, p.BodyHtml, p.ModifiedAt }).ToListAsync(ct);
        return rows.Select(p => new ContentPage(p.Id, p.Title, p.Slug, site.AbsoluteUrl($"/{p.Slug}"), p.BodyHtml, p.ModifiedAt)).ToList();
    }
}
