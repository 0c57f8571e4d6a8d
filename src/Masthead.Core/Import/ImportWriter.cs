using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Authors;
using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Import.Bodies;
using Masthead.Core.Pages;
using Masthead.Core.Revisions;
using Masthead.Core.Search;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Import;

/// <summary>A picture the media phase put in the library (or found there from an earlier run).</summary>
public sealed record ImportedPicture(int MediaId, string Url, int Width, int Height);

/// <summary>
/// Maps the neutral import model into the publication inside one database transaction: everything is
/// written, or (on any error, or a dry run) nothing. Earlier imports of the same source are found through
/// <see cref="ImportMapping"/> and updated in place; items whose content hash is unchanged are left alone.
/// </summary>
public sealed class ImportWriter(MastheadDbContext db, BodyRenderer renderer, TimeProvider time, ISearchIndex? searchIndex = null)
{
    private const int BatchSize = 200;
    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<(ImportEntityKind, string), ImportMapping> _mappings = [];
    private readonly Dictionary<string, int> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _sectionPaths = [];
    private readonly Dictionary<string, int> _authors = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _authorSlugs = [];
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _tagNames = [];
    private readonly Dictionary<string, int> _articleSlugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pageSlugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _slugsThisRun = new(StringComparer.Ordinal);
    private readonly HashSet<string> _statedSlugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ImportEntityKind Kind, string ExternalId)> _oldPaths = new(StringComparer.Ordinal);
    private readonly List<Action> _afterSave = [];
    private readonly List<int> _writtenArticles = [];
    private int? _fallbackSection;
    private string _system = "", _site = "", _userName = "";
    private DateTime _now;

    public async Task WriteAsync(IImportSource source, ImportCatalog catalog, IReadOnlyDictionary<string, ImportedPicture> pictures,
        ImportReport report, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        _system = source.System;
        _site = source.Site;
        _userName = $"Import ({source.System})";
        _now = time.UtcNow();
        var converter = new HtmlToBody(renderer);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var m in await db.ImportMappings.AsNoTracking().Where(m => m.System == _system && m.Site == _site).ToListAsync(ct))
                _mappings[(m.Kind, m.ExternalId)] = m;
            foreach (var a in await db.Articles.AsNoTracking().Select(a => new { a.Slug, a.Id }).ToListAsync(ct)) _articleSlugs[a.Slug] = a.Id;
            foreach (var p in await db.Pages.AsNoTracking().Select(p => new { p.Slug, p.Id }).ToListAsync(ct)) _pageSlugs[p.Slug] = p.Id;

            await WriteSectionsAsync(catalog.Sections, report, ct);
            await WriteAuthorsAsync(catalog.Authors, report, ct);
            await WriteTagsAsync(catalog.Tags, report, ct);
            await db.SaveChangesAsync(ct);
            Flush();
            foreach (var old in catalog.OldPaths) _oldPaths.TryAdd(LegacyUrl.Normalize(old.Path), (old.Kind, old.ExternalId));
            foreach (var slug in catalog.ArticleSlugs) _statedSlugs.Add(Clean(slug));

            // Each story is indexed for search once, after the last of them, not again with each tag and byline row.
            if (searchIndex is not null) await searchIndex.PauseAsync(ct);
            var done = 0;
            progress?.Report(new ImportProgress("stories", 0, catalog.StoryCount));
            foreach (var story in source.ReadStories(report))
            {
                ct.ThrowIfCancellationRequested();
                await WriteStoryAsync(story, converter, pictures, report, ct);
                if (++done % BatchSize == 0)
                {
                    await db.SaveChangesAsync(ct);
                    Flush();
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
                progress?.Report(new ImportProgress("stories", done, Math.Max(done, catalog.StoryCount)));
            }
            await db.SaveChangesAsync(ct);
            Flush();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (searchIndex is not null) await searchIndex.ResumeAsync(_writtenArticles, ct);

            foreach (var picture in pictures)
                if (!_mappings.ContainsKey((ImportEntityKind.Media, picture.Key))) Map(ImportEntityKind.Media, picture.Key, picture.Value.MediaId, "");
            await WriteLegacyUrlsAsync(report, ct);
            await db.SaveChangesAsync(ct);

            if (report.Failed || report.DryRun) await transaction.RollbackAsync(CancellationToken.None);
            else await transaction.CommitAsync(ct);
        }
        catch (ImportFailedException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (DbUpdateException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            report.Error("database", "save", $"The database refused the import: {(e.InnerException ?? e).Message}");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    // Rows that need ids made by the last SaveChanges (mappings, revisions, audit events).
    private void Flush()
    {
        foreach (var action in _afterSave) action();
        _afterSave.Clear();
    }

    private async Task WriteSectionsAsync(List<ImportSection> sections, ImportReport report, CancellationToken ct)
    {
        var existing = await db.Sections.ToListAsync(ct);
        var byPath = existing.ToDictionary(s => s.Path, StringComparer.Ordinal);
        foreach (var s in existing) _sectionPaths[s.Id] = s.Path;
        var pending = new List<ImportSection>(sections);
        var entities = new Dictionary<string, Section>(StringComparer.Ordinal);
        var order = existing.Count;
        // Parents before children, whatever order the export lists them in.
        while (pending.Count > 0)
        {
            var ready = pending.Where(s => s.ParentExternalId is null || entities.ContainsKey(s.ParentExternalId) || !pending.Any(p => p.ExternalId == s.ParentExternalId)).ToList();
            if (ready.Count == 0)
            {
                foreach (var s in pending) report.Error($"section \"{s.Name}\"", "parent", "the section's parents form a loop.");
                return;
            }
            foreach (var item in ready)
            {
                pending.Remove(item);
                var label = $"section \"{item.Name}\"";
                var parent = item.ParentExternalId is { } pid && entities.TryGetValue(pid, out var p) ? p : null;
                var slug = CleanSlug(item.Slug, item.Name, label, report);
                if (parent is null && ReservedPaths.IsReserved(slug))
                {
                    report.Warn(label, "slug", $"\"{slug}\" is an address Masthead keeps for itself; the section is \"{slug}-section\" instead.");
                    slug += "-section";
                }
                var name = Limit(item.Name, 120, label, "name", report);
                var path = parent is null ? slug : parent.Path + "/" + slug;
                Section section;
                if (_mappings.TryGetValue((ImportEntityKind.Section, item.ExternalId), out var mapping) && existing.FirstOrDefault(s => s.Id == mapping.EntityId) is { } mapped)
                {
                    section = mapped;
                    var changed = section.Name != name || section.Description != item.Description;
                    section.Name = name;
                    section.Description = item.Description;
                    if (changed) section.ModifiedAt = _now;
                    report.Count("sections", changed ? ImportChange.Updated : ImportChange.Unchanged);
                }
                else if (byPath.TryGetValue(path, out var samePath))
                {
                    // The publication already has this section: the import files its stories there.
                    section = samePath;
                    report.Count("sections", ImportChange.Unchanged);
                }
                else
                {
                    section = new Section { Name = name, Slug = slug, Path = path, Parent = parent, Description = item.Description, SortOrder = order++, ModifiedAt = _now };
                    db.Sections.Add(section);
                    byPath[path] = section;
                    report.Count("sections", ImportChange.Created);
                }
                entities[item.ExternalId] = section;
                var externalId = item.ExternalId;
                _afterSave.Add(() =>
                {
                    _sections[externalId] = section.Id;
                    _sectionPaths[section.Id] = section.Path;
                    Map(ImportEntityKind.Section, externalId, section.Id, "");
                });
            }
        }
    }

    private async Task WriteAuthorsAsync(List<ImportAuthor> authors, ImportReport report, CancellationToken ct)
    {
        var existing = await db.Authors.ToListAsync(ct);
        foreach (var a in existing) _authorSlugs[a.Id] = a.Slug;
        var bySlug = existing.ToDictionary(a => a.Slug, StringComparer.Ordinal);
        foreach (var item in authors)
        {
            var label = $"author \"{item.Name}\"";
            var slug = CleanSlug(item.Slug, item.Name, label, report);
            var name = Limit(item.Name, 200, label, "name", report);
            var bio = item.Bio is null ? null : Limit(item.Bio, 4000, label, "bio", report);
            var photo = item.PhotoUrl is { Length: <= 2000 } url && IsWebAddress(url) ? url : null;
            var links = (item.Links ?? []).Where(IsWebAddress).ToList();
            Author author;
            if (_mappings.TryGetValue((ImportEntityKind.Author, item.ExternalId), out var mapping) && existing.FirstOrDefault(a => a.Id == mapping.EntityId) is { } mapped)
            {
                author = mapped;
                var changed = author.Name != name || author.Bio != bio || author.PhotoUrl != photo || !author.Links.SequenceEqual(links);
                if (changed) (author.Name, author.Bio, author.PhotoUrl, author.Links, author.ModifiedAt) = (name, bio, photo, links, _now);
                report.Count("authors", changed ? ImportChange.Updated : ImportChange.Unchanged);
            }
            else if (bySlug.TryGetValue(slug, out var sameSlug))
            {
                author = sameSlug;
                report.Warn(label, "slug", $"the publication already has an author \"{sameSlug.Name}\" at /author/{slug}; the imported bylines are theirs.");
                report.Count("authors", ImportChange.Unchanged);
            }
            else
            {
                author = new Author { Name = name, Slug = slug, Bio = bio, PhotoUrl = photo, Links = links, ModifiedAt = _now };
                db.Authors.Add(author);
                bySlug[slug] = author;
                report.Count("authors", ImportChange.Created);
            }
            var externalId = item.ExternalId;
            _afterSave.Add(() =>
            {
                _authors[externalId] = author.Id;
                _authorSlugs[author.Id] = author.Slug;
                Map(ImportEntityKind.Author, externalId, author.Id, "");
            });
        }
    }

    private async Task WriteTagsAsync(IEnumerable<ImportTag> tags, ImportReport report, CancellationToken ct)
    {
        foreach (var item in tags)
        {
            if (_tags.ContainsKey(item.ExternalId)) continue;
            var label = $"tag \"{item.Name}\"";
            var slug = CleanSlug(item.Slug, item.Name, label, report);
            var name = Limit(item.Name.Trim(), ArticleLimits.TagName, label, "name", report);
            Tag? tag = null;
            if (_mappings.TryGetValue((ImportEntityKind.Tag, item.ExternalId), out var mapping))
                tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == mapping.EntityId, ct);
            if (tag is not null)
            {
                var changed = tag.Name != name;
                if (changed) (tag.Name, tag.ModifiedAt) = (name, _now);
                report.Count("tags", changed ? ImportChange.Updated : ImportChange.Unchanged);
            }
            else if ((db.Tags.Local.FirstOrDefault(t => t.Slug == slug) ?? await db.Tags.FirstOrDefaultAsync(t => t.Slug == slug, ct)) is { } same)
            {
                tag = same;
                report.Count("tags", ImportChange.Unchanged);
            }
            else if (await db.TagRedirects.Where(r => r.OldSlug == slug).Select(r => (int?)r.TagId).FirstOrDefaultAsync(ct) is { } movedTo
                && await db.Tags.FirstOrDefaultAsync(t => t.Id == movedTo, ct) is { } merged)
            {
                // Renamed or merged in Masthead since an earlier import: the stories go where the tag went.
                tag = merged;
                report.Count("tags", ImportChange.Unchanged);
            }
            else
            {
                tag = new Tag { Name = name, Slug = slug, ModifiedAt = _now };
                db.Tags.Add(tag);
                report.Count("tags", ImportChange.Created);
            }
            var externalId = item.ExternalId;
            _tags[externalId] = 0;
            _afterSave.Add(() =>
            {
                _tags[externalId] = tag.Id;
                _tagNames[tag.Id] = tag.Name;
                Map(ImportEntityKind.Tag, externalId, tag.Id, "");
            });
        }
    }

    private async Task WriteStoryAsync(ImportStory story, HtmlToBody converter, IReadOnlyDictionary<string, ImportedPicture> pictures, ImportReport report, CancellationToken ct)
    {
        var kindName = story.Kind == ImportStoryKind.Page ? "page" : "article";
        var label = $"{_system} {story.ExternalId} \"{(story.Title.Length > 60 ? story.Title[..57] + "…" : story.Title)}\"";
        if (story.NewTags.Count > 0)
        {
            await WriteTagsAsync(story.NewTags, report, ct);
            await db.SaveChangesAsync(ct);
            Flush();
        }

        var context = new BodyContext(label, report, url => pictures.TryGetValue(url, out var p) ? p.Url : External(url, report));
        string markdown;
        try
        {
            markdown = story.BodyFormat switch
            {
                ImportBodyFormat.Markdown => story.Body,
                ImportBodyFormat.Lexical => converter.Convert(GhostDocuments.LexicalToHtml(story.Body, context), context),
                ImportBodyFormat.Mobiledoc => converter.Convert(GhostDocuments.MobiledocToHtml(story.Body, context), context),
                _ => converter.Convert(story.Body, context),
            };
        }
        catch (JsonException e)
        {
            report.Error(label, story.BodyFormat.ToString().ToLowerInvariant(), $"the {story.BodyFormat} document is not valid JSON: {e.Message}");
            return;
        }
        if (markdown.Length > ArticleLimits.Body)
        {
            report.Error(label, "body", $"the body is {markdown.Length:N0} characters long once converted; the limit is {ArticleLimits.Body:N0}.");
            return;
        }

        var title = story.Title.Trim();
        if (title.Length == 0)
        {
            report.Warn(label, "title", "the story has no title; it is imported as \"Untitled\".");
            title = "Untitled";
        }
        title = Limit(title, ArticleLimits.Headline, label, "title", report);

        if (story.Kind == ImportStoryKind.Page)
        {
            await WritePageAsync(story, title, markdown, label, report, ct);
            return;
        }

        var mapped = _mappings.GetValueOrDefault((ImportEntityKind.Article, story.ExternalId));
        var slug = ArticleSlug(story, title, mapped?.EntityId, label, report);
        if (slug is null) return;

        var sectionIds = story.SectionIds.Select(id => _sections.TryGetValue(id, out var s) ? s : 0).Where(s => s > 0).Distinct().ToList();
        if (sectionIds.Count == 0)
        {
            report.Warn(label, "sections", "the story has no category or primary tag; it is filed in the section \"Archive\".");
            sectionIds.Add(await FallbackSectionAsync(ct));
        }
        var authorIds = story.AuthorIds.Select(id => _authors.GetValueOrDefault(id)).Where(a => a > 0).Distinct().Take(ArticleLimits.MaxBylines).ToList();
        if (authorIds.Count == 0)
        {
            if (story.AuthorIds.Count > 0) report.Error(label, "author", "none of the story's authors could be imported.");
            return;
        }
        var tagIds = story.TagIds.Select(id => _tags.GetValueOrDefault(id)).Where(t => t > 0).Distinct().Take(ArticleLimits.MaxTags).ToList();
        var standfirst = story.Excerpt is null ? "" : Limit(story.Excerpt, ArticleLimits.Standfirst, label, "excerpt", report);
        var hero = Hero(story.FeaturedImage, pictures, label, report);
        var seoTitle = story.SeoTitle is null ? null : Limit(story.SeoTitle, ArticleLimits.SeoTitle, label, "seo title", report);
        var seoDescription = story.SeoDescription is null ? null : Limit(story.SeoDescription, ArticleLimits.SeoDescription, label, "seo description", report);
        var status = story.Status;
        if (status == ImportStatus.Private)
        {
            report.Warn(label, "status", "private (or members-only) in the old system: imported as a draft, which readers cannot see.");
            status = ImportStatus.Draft;
        }
        if (status == ImportStatus.Scheduled && story.PublishedAt <= _now)
            report.Warn(label, "status", "scheduled for a time that has passed; Masthead publishes it on its next scheduling round.");

        var snapshot = new ArticleSnapshot(title, slug, standfirst, markdown, _sectionPaths.GetValueOrDefault(sectionIds[0], ""),
            sectionIds.Skip(1).Select(id => _sectionPaths.GetValueOrDefault(id, "")).Order(StringComparer.Ordinal).ToList(),
            authorIds.Select(id => _authorSlugs.GetValueOrDefault(id, "")).ToList(), [],
            tagIds.Select(id => _tagNames.GetValueOrDefault(id, "")).Order(StringComparer.OrdinalIgnoreCase).ToList(),
            hero is null ? null : new HeroImageInput(hero.Url, hero.Alt, hero.Caption, hero.Credit, hero.Width, hero.Height, hero.MediaId),
            seoTitle, seoDescription);
        var hash = Hash(new { snapshot, status, story.PublishedAt });

        Article article;
        bool created;
        string? previousSlug = null;
        if (mapped is not null && await db.Articles.Include(a => a.Bylines).Include(a => a.Tags).Include(a => a.SecondarySections)
                .FirstOrDefaultAsync(a => a.Id == mapped.EntityId, ct) is { } existing)
        {
            if (mapped.Hash == hash)
            {
                report.Count("articles", ImportChange.Unchanged);
                AddOldPaths(story, ImportEntityKind.Article);
                return;
            }
            article = existing;
            created = false;
            previousSlug = article.Slug;
            article.Touch(_now);
        }
        else
        {
            article = new Article { CreatedAt = story.CreatedAt ?? story.PublishedAt ?? _now, ModifiedAt = _now };
            db.Articles.Add(article);
            created = true;
        }
        _articleSlugs[slug] = mapped?.EntityId ?? -1;
        article.Headline = title;
        article.Slug = slug;
        if (previousSlug is not null) StoryRecord.KeepOldAddress(db, article, previousSlug, _now);
        article.Standfirst = standfirst;
        StoryRecord.SetBody(article, markdown, renderer);
        article.PrimarySectionId = sectionIds[0];
        article.HeroImage = hero;
        article.SeoTitle = seoTitle;
        article.SeoDescription = seoDescription;
        Sync(article.SecondarySections, sectionIds.Skip(1).ToList(), s => s.SectionId, id => new ArticleSection { SectionId = id });
        Sync(article.Tags, tagIds, t => t.TagId, id => new ArticleTag { TagId = id });
        Sync(article.Bylines, authorIds, b => b.AuthorId, id => new Byline { AuthorId = id });
        foreach (var byline in article.Bylines) byline.Position = authorIds.IndexOf(byline.AuthorId);
        ApplyStatus(article, status, story.PublishedAt);
        article.ModifiedAt = _now;

        report.Count("articles", created ? ImportChange.Created : ImportChange.Updated);
        AddOldPaths(story, ImportEntityKind.Article);
        var externalId = story.ExternalId;
        _afterSave.Add(() =>
        {
            _articleSlugs[article.Slug] = article.Id;
            _writtenArticles.Add(article.Id);
            Map(ImportEntityKind.Article, externalId, article.Id, hash);
            StoryRecord.RecordRevision(db, article, snapshot, Editor.System, _now, created ? "imported" : "re-imported",
                detail: $"{article.Headline} (from {_system} {externalId})", madeBy: _userName);
        });
    }

    private void ApplyStatus(Article article, ImportStatus status, DateTime? publishedAt)
    {
        switch (status)
        {
            case ImportStatus.Published when article.Status != ArticleStatus.Published:
                article.Publish(_now, publishedAt);
                break;
            case ImportStatus.Scheduled when publishedAt is { } at:
                article.Schedule(at, _now);
                break;
            case ImportStatus.PendingReview when article.Status != ArticleStatus.InReview:
                article.SubmitForReview(_now);
                break;
            case ImportStatus.Draft when article.Status != ArticleStatus.Draft:
                article.ReturnToDraft(_now);
                break;
        }
    }

    private async Task WritePageAsync(ImportStory story, string title, string markdown, string label, ImportReport report, CancellationToken ct)
    {
        if (story.Status != ImportStatus.Published)
        {
            report.Warn(label, "status", "a page that is not published: Masthead's pages are always public, so it was not imported.");
            return;
        }
        var mapped = _mappings.GetValueOrDefault((ImportEntityKind.Page, story.ExternalId));
        var slug = story.Slug.Length > 0 ? Clean(story.Slug) : Slug.From(title);
        if (!Slug.IsValid(slug)) slug = Slug.From(title);
        if (ReservedPaths.IsReserved(slug) || _sectionPaths.ContainsValue(slug))
        {
            report.Error(label, "slug", $"/{slug} is {(ReservedPaths.IsReserved(slug) ? "an address Masthead keeps for itself" : "a section's address")}; rename the page's slug in the export or the section first.");
            return;
        }
        if (_pageSlugs.TryGetValue(slug, out var owner) && owner != mapped?.EntityId)
        {
            report.Error(label, "slug", owner < 0 ? $"the slug \"{slug}\" is used by another page in this export." : $"the slug \"{slug}\" is already used by page {owner} in this publication.");
            return;
        }
        var hash = Hash(new { title, slug, markdown });
        Page? page = mapped is null ? null : await db.Pages.FirstOrDefaultAsync(p => p.Id == mapped.EntityId, ct);
        if (page is not null && mapped!.Hash == hash)
        {
            report.Count("pages", ImportChange.Unchanged);
            AddOldPaths(story, ImportEntityKind.Page);
            return;
        }
        var created = page is null;
        page ??= db.Pages.Add(new Page()).Entity;
        page.Title = title;
        page.Slug = slug;
        page.BodyMarkdown = markdown;
        page.BodyHtml = renderer.Render(markdown);
        page.ModifiedAt = _now;
        _pageSlugs[slug] = mapped?.EntityId ?? -1;
        report.Count("pages", created ? ImportChange.Created : ImportChange.Updated);
        AddOldPaths(story, ImportEntityKind.Page);
        var externalId = story.ExternalId;
        _afterSave.Add(() =>
        {
            _pageSlugs[page.Slug] = page.Id;
            Map(ImportEntityKind.Page, externalId, page.Id, hash);
        });
    }

    private string? ArticleSlug(ImportStory story, string title, int? mappedId, string label, ImportReport report)
    {
        var explicitSlug = story.Slug.Length > 0;
        var slug = explicitSlug ? Clean(story.Slug) : Slug.From(title);
        if (!Slug.IsValid(slug))
        {
            var made = Slug.From(slug);
            report.Warn(label, "slug", $"\"{story.Slug}\" is not a slug Masthead accepts; the story is at \"{made}\" (its old address still redirects).");
            slug = made;
        }
        if (_slugsThisRun.TryGetValue(slug, out var first) && explicitSlug)
        {
            report.Error(label, "slug", $"the slug \"{slug}\" is also used by {first} in this export.");
            return null;
        }
        if (explicitSlug && _articleSlugs.TryGetValue(slug, out var owner) && owner != mappedId && !_slugsThisRun.ContainsKey(slug))
        {
            report.Error(label, "slug", $"the slug \"{slug}\" is already used by article {owner} in this publication, which this import did not make.");
            return null;
        }
        if (!explicitSlug)
        {
            // Drafts without a slug take one from their title, numbered when taken.
            var candidate = slug;
            // Nor one a story further on states: that story keeps its own address.
            for (var n = 2; (_articleSlugs.TryGetValue(candidate, out var o) && o != mappedId) || _slugsThisRun.ContainsKey(candidate) || _statedSlugs.Contains(candidate); n++)
                candidate = $"{slug[..Math.Min(slug.Length, Slug.MaxLength - 6)]}-{n}";
            slug = candidate;
        }
        _slugsThisRun[slug] = label;
        return slug;
    }

    private HeroImage? Hero(ImportImage? image, IReadOnlyDictionary<string, ImportedPicture> pictures, string label, ImportReport report)
    {
        if (image is null) return null;
        var alt = Limit(image.Alt ?? "", ArticleLimits.HeroText, label, "featured image alt", report);
        var caption = image.Caption is null ? null : Limit(image.Caption, ArticleLimits.HeroText, label, "featured image caption", report);
        if (alt.Length == 0) report.Warn(label, "featured image", "the featured image has no alt text; add it before the story is next published.");
        if (pictures.TryGetValue(image.Url, out var picture))
            return new HeroImage { Url = picture.Url, MediaId = picture.MediaId, Alt = alt, Caption = caption, Width = picture.Width, Height = picture.Height };
        var url = External(image.Url, report);
        if (url.Length > ArticleLimits.Url || !(IsWebAddress(url) || SitePath.IsSitePath(url)))
        {
            report.Warn(label, "featured image", $"\"{image.Url}\" is not an address Masthead can show; the story has no hero picture.");
            return null;
        }
        return new HeroImage { Url = url, Alt = alt, Caption = caption };
    }

    private static string External(string url, ImportReport report)
    {
        report.ExternalImages.Add(url);
        return url;
    }

    private async Task<int> FallbackSectionAsync(CancellationToken ct)
    {
        if (_fallbackSection is { } id) return id;
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Path == "archive", ct);
        if (section is null)
        {
            section = new Section { Name = "Archive", Slug = "archive", Path = "archive", SortOrder = 1000, ModifiedAt = _now };
            db.Sections.Add(section);
            await db.SaveChangesAsync(ct);
        }
        _sectionPaths[section.Id] = section.Path;
        return (_fallbackSection = section.Id).Value;
    }

    private void AddOldPaths(ImportStory story, ImportEntityKind kind)
    {
        foreach (var path in story.OldPaths) _oldPaths[LegacyUrl.Normalize(path)] = (kind, story.ExternalId);
    }

    private async Task WriteLegacyUrlsAsync(ImportReport report, CancellationToken ct)
    {
        var mappings = await db.ImportMappings.AsNoTracking().Where(m => m.System == _system && m.Site == _site)
            .ToDictionaryAsync(m => (m.Kind, m.ExternalId), m => m.EntityId, ct);
        var existing = await db.LegacyUrls.ToDictionaryAsync(u => u.Path, StringComparer.Ordinal, ct);
        foreach (var (path, (kind, externalId)) in _oldPaths)
        {
            if (path.Length is 0 or > LegacyUrl.MaxPath || !mappings.TryGetValue((kind, externalId), out var id)) continue;
            if (existing.TryGetValue(path, out var url)) (url.TargetKind, url.TargetId) = (kind, id);
            else db.LegacyUrls.Add(new LegacyUrl { Path = path, TargetKind = kind, TargetId = id, CreatedAt = _now });
            report.OldUrls++;
        }
    }

    private void Map(ImportEntityKind kind, string externalId, int entityId, string hash)
    {
        if (_mappings.TryGetValue((kind, externalId), out var mapping))
        {
            if (mapping.EntityId == entityId && mapping.Hash == hash) return;
            mapping.EntityId = entityId;
            mapping.Hash = hash;
            mapping.ImportedAt = _now;
            db.ImportMappings.Update(mapping);
            return;
        }
        mapping = new ImportMapping { System = _system, Site = _site, Kind = kind, ExternalId = externalId, EntityId = entityId, Hash = hash, ImportedAt = _now };
        _mappings[(kind, externalId)] = mapping;
        db.ImportMappings.Add(mapping);
    }

    private static void Sync<T>(List<T> current, List<int> wanted, Func<T, int> key, Func<int, T> make)
    {
        current.RemoveAll(item => !wanted.Contains(key(item)));
        foreach (var id in wanted) if (!current.Any(item => key(item) == id)) current.Add(make(id));
    }

    private static string CleanSlug(string raw, string name, string label, ImportReport report)
    {
        var slug = Clean(raw);
        if (Slug.IsValid(slug)) return slug;
        var made = Slug.From(slug.Length > 0 ? slug : name);
        if (raw.Length > 0) report.Warn(label, "slug", $"\"{raw}\" is not a slug Masthead accepts; \"{made}\" is used instead.");
        return made;
    }

    private static string Clean(string slug) => Uri.UnescapeDataString(slug.Trim()).ToLowerInvariant();

    private static string Limit(string value, int limit, string label, string field, ImportReport report)
    {
        if (value.Length <= limit) return value;
        report.Warn(label, field, $"{value.Length} characters long; Masthead keeps the first {limit}.");
        return value[..limit];
    }

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Hash(object value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, HashJson))));
}
