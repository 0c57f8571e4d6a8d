using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Authors;
using Masthead.Core.Body;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Media;
using Masthead.Core.Revisions;
using Masthead.Core.Search;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>How an edit reaches a story that holds reviewed text (see <see cref="SaveArticle.UpdateAsync"/>).</summary>
public enum EditMode
{
    /// <summary>The admin API: live when the editor may publish the story, pending changes otherwise; a working copy is left alone.</summary>
    Direct,
    /// <summary>The newsroom's Save or Update: the form was loaded from the working copy, so a live save replaces it.</summary>
    FromWorkingCopy,
    /// <summary>Autosave: never changes what readers see or what an editor approved.</summary>
    WorkingCopyOnly,
}

/// <summary>Creates and edits articles: validates every field, resolves references, renders the body.</summary>
public sealed class SaveArticle(MastheadDbContext db, BodyRenderer renderer, TimeProvider time, IEmbedPictures? embedPictures = null)
{
    private const int MaxCreateAttempts = 10;

    public async Task<Result<Article>> CreateAsync(ArticleInput input, Editor editor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Headline)) errors.Add("headline", "A headline is required.");
        if (string.IsNullOrWhiteSpace(input.Section)) errors.Add("section", "A primary section is required (its path, e.g. \"culture/film-tv\").");
        var bylines = input.Bylines;
        if (bylines is null || bylines.Count == 0)
        {
            // A story without a byline is its writer's; a writer without an author profile gets one now.
            var ownAuthor = editor.AuthorSlug;
            if (ownAuthor is null && editor.UserId > 0) ownAuthor = await AccountAuthors.EnsureAsync(db, editor.UserId, time.UtcNow(), ct);
            if (ownAuthor is null) errors.Add("bylines", "At least one byline (an author slug) is required.");
            else bylines = [ownAuthor];
        }

        // Two stories with the same headline (or the same new tag) created at the same moment: the later one's insert
        // is refused on the unique index, and a second try finds the first's slug taken and its tag made.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.UtcNow();
            var article = new Article { CreatedAt = now, ModifiedAt = now, CreatedByUserId = editor.UserId > 0 ? editor.UserId : null };
            await ApplyAsync(article, input with { Bylines = bylines }, errors, ct, editor);
            if (errors.Any) return Result<Article>.Invalid(errors);
            OfferAltTextToLibrary(article, editor);

            article.LastEditedByUserId = editor.UserId > 0 ? editor.UserId : null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                db.Articles.Add(article);
                await db.SaveChangesAsync(ct);
                // The first revision and the "created" event need the new id, and commit together with the article.
                RecordRevision(article, editor, now, "created");
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return Result<Article>.Created(article);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e) && attempt < MaxCreateAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                // Those racing each other retry at scattered moments, so each finds the others' slugs and tags committed.
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Changes an article. A story holding reviewed text (published, approved, scheduled) is changed in place only
    /// by someone allowed to publish it, and never by an autosave: otherwise the edit goes to its working copy
    /// (<see cref="PendingChange"/>), which readers never see, and the result carries the untouched live article.
    /// </summary>
    public async Task<Result<Article>> UpdateAsync(int id, ArticleInput input, int? expectedVersion, Editor editor, CancellationToken ct,
        EditMode mode = EditMode.Direct, int? expectedPendingVersion = null)
    {
        var article = await LoadForEditAsync(id, ct);
        if (article is null) return Result<Article>.NotFound($"There is no article with id {id}.");
        if (!editor.MayEdit(article)) return Result<Article>.Forbidden("You may only edit articles you created.");
        if (expectedVersion is { } v && v != article.Version)
            return Result<Article>.Stale($"The article has changed since you loaded it (you have version {v}, it is now at version {article.Version}). Reload it and apply your changes again.");
        if (GoesToWorkingCopy(article, editor, mode)) return await SavePendingAsync(article, input, editor, expectedPendingVersion, ct);
        if (mode == EditMode.FromWorkingCopy && expectedPendingVersion is { } pv && pv != (article.Pending?.Version ?? 0))
            return Result<Article>.Stale("Someone saved pending changes to this story after you loaded it. Reload it and apply your changes again.");
        // The newsroom's form was loaded from the working copy, so saving it live takes the working copy along.
        return await SaveLiveAsync(article, input, editor, "edited", dropPending: mode == EditMode.FromWorkingCopy, ct);
    }

    /// <summary>Whether an edit by this person, made this way, would go to the working copy rather than the story.</summary>
    public static bool GoesToWorkingCopy(Article article, Editor editor, EditMode mode) =>
        article.HoldsReviewedText && (mode == EditMode.WorkingCopyOnly || !editor.MayPublish(article));

    /// <summary>
    /// A new draft with a story's text, pictures, credits, tags and section (its working copy, where one is open),
    /// headed "Copy of …" and at a new address. A contributor's copy is signed by them alone.
    /// </summary>
    public async Task<Result<Article>> DuplicateAsync(int id, Editor editor, CancellationToken ct)
    {
        var source = await LoadForEditAsync(id, ct);
        if (source is null) return Result<Article>.NotFound($"There is no article with id {id}.");
        if (!editor.MayEdit(source)) return Result<Article>.Forbidden("You may only duplicate stories you may edit.");
        var text = source.Pending?.Content ?? ArticleSnapshot.Of(source);
        var headline = "Copy of " + text.Headline;
        var input = text.ToInput() with
        {
            Headline = headline.Length > ArticleLimits.Headline ? headline[..ArticleLimits.Headline] : headline,
            Slug = null,
            Bylines = editor.Role == Role.Contributor ? null : text.ToInput().Bylines,
        };
        db.ChangeTracker.Clear();
        return await CreateAsync(input, editor, ct);
    }

    /// <summary>
    /// Alt text typed for a library picture that has none yet goes back to the library too, so the next story that
    /// uses it starts described. Only from someone who may publish the story: the library's text shows wherever the
    /// picture is used, so it must not come from unreviewed writing.
    /// </summary>
    private static void OfferAltTextToLibrary(Article article, Editor editor)
    {
        if (article.HeroImage is { Media: { } media } hero && string.IsNullOrWhiteSpace(media.Alt) && !string.IsNullOrWhiteSpace(hero.Alt)
            && editor.MayPublish(article))
            media.Alt = hero.Alt.Length > MediaLimits.Alt ? hero.Alt[..MediaLimits.Alt] : hero.Alt;
    }

    /// <summary>Makes a story's pending changes live (an editor approving them, or publishing them), as a new revision.</summary>
    public async Task<Result<Article>> ApplyPendingAsync(int id, Editor editor, string action, CancellationToken ct)
    {
        var article = await LoadForEditAsync(id, ct);
        if (article is null) return Result<Article>.NotFound($"There is no article with id {id}.");
        if (article.Pending is not { } pending) return Result<Article>.Invalid("status", "This story has no pending changes.");
        return await SaveLiveAsync(article, pending.Content.ToInput(), editor, action, dropPending: true, ct, checkGate: article.HoldsReviewedText);
    }

    private async Task<Result<Article>> SaveLiveAsync(Article article, ArticleInput input, Editor editor, string action, bool dropPending,
        CancellationToken ct, bool checkGate = false)
    {
        var errors = new ValidationErrors();
        var oldSlug = article.Slug;
        await ApplyAsync(article, input, errors, ct, editor);
        if (errors.Any) return Result<Article>.Invalid(errors);
        if (checkGate && PublishGate.Check(article) is { Any: true } gate) return Result<Article>.Invalid(gate);
        OfferAltTextToLibrary(article, editor);

        var now = time.UtcNow();
        StoryRecord.KeepOldAddress(db, article, oldSlug, now);
        article.Touch(now);
        article.LastEditedByUserId = editor.UserId > 0 ? editor.UserId : null;
        if (dropPending && article.Pending is { } pending)
        {
            db.PendingChanges.Remove(pending);
            article.Pending = null;
        }
        RecordRevision(article, editor, now, action);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<Article>.Stale("Someone else saved this article at the same moment. Reload it and apply your changes again.");
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Result<Article>.Stale("Another story took this address, or a new tag was made, at the same moment. Reload and save again.");
        }
        return Result<Article>.Ok(article);
    }

    /// <summary>
    /// Writes the working copy: the story as it stands there (or live, for a first edit) with this input on top,
    /// validated exactly as a live save would be. Nothing on the article's own rows changes, so the public site,
    /// feeds, the scheduler and webhooks do not hear of it. A working copy equal to the live story is removed.
    /// </summary>
    private async Task<Result<Article>> SavePendingAsync(Article article, ArticleInput input, Editor editor, int? expectedPendingVersion, CancellationToken ct)
    {
        var existing = article.Pending;
        if (expectedPendingVersion is { } pv && pv != (existing?.Version ?? 0))
            return Result<Article>.Stale("Someone saved pending changes to this story after you loaded it. Reload it and apply your changes again.");
        var live = ArticleSnapshot.Of(article);
        var errors = new ValidationErrors();
        if (existing is not null) await ApplyAsync(article, existing.Content.ToInput(), new ValidationErrors(), ct);
        await ApplyAsync(article, input, errors, ct, editor);
        if (errors.Any) return Result<Article>.Invalid(errors);
        var working = ArticleSnapshot.Of(article);

        // Forget everything the validation did to the tracked story (fields, new tags, released redirects).
        var id = article.Id;
        db.ChangeTracker.Clear();
        var now = time.UtcNow();
        var pending = await db.PendingChanges.FirstOrDefaultAsync(p => p.ArticleId == id, ct);
        if (working.ToJson() == live.ToJson())
        {
            if (pending is not null) db.PendingChanges.Remove(pending);
        }
        else
        {
            if (pending is null)
            {
                pending = new PendingChange
                {
                    ArticleId = id, BaseVersion = article.Version, State = PendingState.Editing, Version = 0,
                    StartedAt = now, StartedByUserId = editor.UserId > 0 ? editor.UserId : null,
                };
                db.PendingChanges.Add(pending);
                AuditTrail.Record(db, now, editor, "started changes to the live story", "article", id, id, article.Headline);
            }
            pending.Snapshot = working.ToJson();
            pending.SavedAt = now;
            pending.SavedByUserId = editor.UserId > 0 ? editor.UserId : null;
            pending.SavedByName = editor.UserId > 0 ? editor.Name : "Masthead";
            pending.Version++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            return Result<Article>.Stale("Someone else saved pending changes to this story at the same moment. Reload it and apply your changes again.");
        }
        db.ChangeTracker.Clear();
        return Result<Article>.Ok((await LoadForEditAsync(id, ct))!);
    }

    /// <summary>Puts an article back as a revision shows it; the restore is itself a new revision.</summary>
    public async Task<Result<Article>> RestoreAsync(int id, long revisionId, int? expectedVersion, Editor editor, CancellationToken ct)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == id, ct);
        if (revision is null) return Result<Article>.NotFound($"Article {id} has no revision {revisionId}.");
        return await UpdateAsync(id, ArticleSnapshot.FromJson(revision.Snapshot).ToInput(), expectedVersion, editor, ct);
    }

    private void RecordRevision(Article article, Editor editor, DateTime now, string action) =>
        StoryRecord.RecordRevision(db, article, ArticleSnapshot.Of(article), editor, now, action);

    public Task<Article?> LoadForEditAsync(int id, CancellationToken ct) =>
        db.Articles
            .Include(a => a.PrimarySection)
            .Include(a => a.SecondarySections).ThenInclude(s => s.Section)
            .Include(a => a.Bylines).ThenInclude(b => b.Author)
            .Include(a => a.Credits).ThenInclude(c => c.Author)
            .Include(a => a.Tags).ThenInclude(t => t.Tag)
            .Include(a => a.Notes)
            .Include(a => a.Pending)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <param name="editor">Who is saving, for the rules that depend on it (a contributor's bylines); null when replaying saved text.</param>
    private async Task ApplyAsync(Article article, ArticleInput input, ValidationErrors errors, CancellationToken ct, Editor? editor = null)
    {
        if (input.Headline is not null)
        {
            var headline = input.Headline.Trim();
            if (headline.Length == 0) errors.Add("headline", "The headline cannot be empty.");
            else if (headline.Length > ArticleLimits.Headline) errors.Add("headline", $"The headline is {headline.Length} characters long; the limit is {ArticleLimits.Headline}.");
            article.Headline = headline;
        }

        await ApplySlugAsync(article, input.Slug, errors, ct);

        if (input.Standfirst is not null)
        {
            var standfirst = input.Standfirst.Trim();
            if (standfirst.Length > ArticleLimits.Standfirst) errors.Add("standfirst", $"The standfirst is {standfirst.Length} characters long; the limit is {ArticleLimits.Standfirst}.");
            article.Standfirst = standfirst;
        }

        if (input.Body is not null)
        {
            if (input.Body.Length > ArticleLimits.Body) errors.Add("body", $"The body is {input.Body.Length:N0} characters long; the limit is {ArticleLimits.Body:N0}.");
            else if (PromoBlock.BodyProblem(input.Body) is { } promo) errors.Add("body", promo);
            else
            {
                // A video's still is fetched on the first save that embeds it; one that cannot be fetched leaves the card without.
                var stills = embedPictures is null ? NoEmbedPictures.None : await embedPictures.ForBodyAsync(input.Body, fetchMissing: true, ct);
                StoryRecord.SetBody(article, input.Body, renderer, stills);
            }
        }

        if (input.Access is not null)
        {
            if (StoryAccessNames.Parse(input.Access) is { } access) article.Access = access;
            else errors.Add("access", $"Access must be \"{StoryAccessNames.Public}\" (everyone reads the whole story) or \"{StoryAccessNames.Members}\" (members only; others read a teaser), not \"{Shorten(input.Access)}\".");
        }
        if (input.Access is not null) StoryRecord.RefreshSearchText(article);

        if (input.Section is not null)
        {
            var section = await FindSectionAsync(input.Section, ct);
            if (section is null) errors.Add("section", $"There is no section with the path \"{input.Section}\".");
            else
            {
                article.PrimarySectionId = section.Id;
                article.PrimarySection = section;
            }
        }

        if (input.AlsoIn is not null) await ApplySecondarySectionsAsync(article, input.AlsoIn, errors, ct);
        if (input.Bylines is not null) await ApplyBylinesAsync(article, input.Bylines, errors, ct, editor);
        if (input.Credits is not null) await ApplyCreditsAsync(article, input.Credits, errors, ct);
        if (input.Tags is not null) await ApplyTagsAsync(article, input.Tags, errors, ct);
        if (input.HeroImage is not null) await ApplyHeroImageAsync(article, input.HeroImage, errors, ct);

        if (input.SeoTitle is not null)
        {
            if (input.SeoTitle.Length > ArticleLimits.SeoTitle) errors.Add("seoTitle", $"The SEO title is longer than {ArticleLimits.SeoTitle} characters.");
            article.SeoTitle = NullIfBlank(input.SeoTitle);
        }
        if (input.SeoDescription is not null)
        {
            if (input.SeoDescription.Length > ArticleLimits.SeoDescription) errors.Add("seoDescription", $"The SEO description is longer than {ArticleLimits.SeoDescription} characters.");
            article.SeoDescription = NullIfBlank(input.SeoDescription);
        }
    }

    private async Task ApplySlugAsync(Article article, string? requested, ValidationErrors errors, CancellationToken ct)
    {
        if (requested is not null)
        {
            var slug = Slug.Normalize(requested);
            if (!Slug.IsValid(slug))
            {
                errors.Add("slug", Slug.Explain(slug));
                return;
            }
            if (slug != article.Slug && await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, ct))
            {
                errors.Add("slug", $"The slug \"{slug}\" is already used by another article.");
                return;
            }
            if (slug != article.Slug && await ArticleTwinAsync(article, slug, ct) is { } twin)
            {
                errors.Add("slug", LookalikeSlug(slug, twin));
                return;
            }
            await ReleaseRedirectAsync(slug, article.Id, ct);
            article.Slug = slug;
            return;
        }
        if (article.Slug.Length > 0 || string.IsNullOrWhiteSpace(article.Headline)) return;

        // A new article without a slug takes one from its headline, numbered when taken.
        var baseSlug = Slug.From(article.Headline);
        if (MixedScript.FindMixedWord(baseSlug) is not null)
        {
            errors.Add("slug", $"{Slug.Explain(baseSlug)} The address comes from the headline; give a slug in one alphabet.");
            return;
        }
        if (await ArticleTwinAsync(article, baseSlug, ct) is { } lookalike)
        {
            errors.Add("slug", $"{LookalikeSlug(baseSlug, lookalike)} The address comes from the headline; give the story a slug of its own.");
            return;
        }
        var candidate = baseSlug;
        for (var n = 2; await db.Articles.AnyAsync(a => a.Slug == candidate, ct) || await db.ArticleRedirects.AnyAsync(r => r.OldSlug == candidate, ct); n++)
            candidate = $"{baseSlug[..Math.Min(baseSlug.Length, Slug.MaxLength - 6)]}-{n}";
        article.Slug = candidate;
    }

    // A slug given explicitly wins over an old redirect that pointed elsewhere.
    private async Task ReleaseRedirectAsync(string slug, int articleId, CancellationToken ct)
    {
        var redirect = await db.ArticleRedirects.FirstOrDefaultAsync(r => r.OldSlug == slug, ct);
        if (redirect is not null) db.ArticleRedirects.Remove(redirect);
    }

    private async Task<Section?> FindSectionAsync(string pathOrSlug, CancellationToken ct)
    {
        var path = pathOrSlug.Trim().Trim('/').ToLowerInvariant();
        return await db.Sections.FirstOrDefaultAsync(s => s.Path == path, ct);
    }

    private async Task ApplySecondarySectionsAsync(Article article, List<string> paths, ValidationErrors errors, CancellationToken ct)
    {
        var resolved = new List<ArticleSection>();
        for (var i = 0; i < paths.Count; i++)
        {
            var section = await FindSectionAsync(paths[i] ?? "", ct);
            if (section is null) errors.Add($"alsoIn[{i}]", $"There is no section with the path \"{paths[i]}\".");
            else if (resolved.All(r => r.SectionId != section.Id))
                resolved.Add(new ArticleSection { SectionId = section.Id, Section = section });
        }
        article.SecondarySections.Clear();
        article.SecondarySections.AddRange(resolved);
    }

    private async Task ApplyBylinesAsync(Article article, List<string> slugs, ValidationErrors errors, CancellationToken ct, Editor? editor)
    {
        if (slugs.Count > ArticleLimits.MaxBylines) errors.Add("bylines", $"An article can have at most {ArticleLimits.MaxBylines} bylines.");
        // A contributor may sign as themselves, and keep whoever an editor already put on the story, but may not put
        // anyone else's name on their words: a byline is a statement about who wrote it.
        HashSet<int>? allowed = null;
        if (editor is { Role: Role.Contributor })
        {
            allowed = article.Bylines.Select(b => b.AuthorId).ToHashSet();
            if (await db.Users.Where(u => u.Id == editor.UserId).Select(u => u.AuthorId).FirstOrDefaultAsync(ct) is { } own) allowed.Add(own);
        }
        var bylines = new List<Byline>();
        for (var i = 0; i < slugs.Count; i++)
        {
            var slug = Slug.Normalize(slugs[i]);
            var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == slug, ct);
            if (author is null) errors.Add($"bylines[{i}]", $"There is no author with the slug \"{slugs[i]}\".");
            else if (bylines.Any(b => b.AuthorId == author.Id)) errors.Add($"bylines[{i}]", $"\"{slug}\" is listed twice.");
            else if (allowed is not null && !allowed.Contains(author.Id))
                errors.Add($"bylines[{i}]", $"Contributors may put only their own name on a story; ask an editor to add \"{author.Name}\".");
            else bylines.Add(new Byline { AuthorId = author.Id, Author = author, Position = bylines.Count });
        }
        if (slugs.Count == 0) errors.Add("bylines", "At least one byline is required.");
        article.Bylines.Clear();
        article.Bylines.AddRange(bylines);
    }

    private async Task ApplyCreditsAsync(Article article, List<CreditInput> inputs, ValidationErrors errors, CancellationToken ct)
    {
        if (inputs.Count > ArticleLimits.MaxCredits) errors.Add("credits", $"An article can have at most {ArticleLimits.MaxCredits} credits.");
        var credits = new List<Credit>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"credits[{i}]";
            if (input is null) { errors.Add(field, "A credit cannot be null."); continue; }
            var role = input.Role?.Trim() ?? "";
            if (role.Length == 0) errors.Add($"{field}.role", "A credit needs a role, such as \"Pictures\".");
            else if (role.Length > ArticleLimits.CreditRole) errors.Add($"{field}.role", $"The role is longer than {ArticleLimits.CreditRole} characters.");
            Author? author = null;
            if (!string.IsNullOrWhiteSpace(input.Author))
            {
                var authorSlug = Slug.Normalize(input.Author);
                author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == authorSlug, ct);
                if (author is null) errors.Add($"{field}.author", $"There is no author with the slug \"{input.Author}\".");
            }
            var name = input.Name?.Trim() is { Length: > 0 } given ? given : author?.Name ?? "";
            if (name.Length == 0 && string.IsNullOrWhiteSpace(input.Author)) errors.Add($"{field}.name", "A credit needs a name or an author slug.");
            else if (name.Length > ArticleLimits.CreditName) errors.Add($"{field}.name", $"The name is longer than {ArticleLimits.CreditName} characters.");
            var kind = CreditKindNames.Parse(input.Kind);
            if (kind is null && !string.IsNullOrWhiteSpace(input.Kind)) errors.Add($"{field}.kind", "A credit names a \"person\" or an \"organization\".");
            kind ??= article.Credits.FirstOrDefault(c => c.Role == role && c.Name == name && c.AuthorId == author?.Id)?.Kind
                ?? CreditKindNames.Presumed(author is not null);
            credits.Add(new Credit { Role = role, Name = name, Kind = kind.Value, AuthorId = author?.Id, Author = author, Position = i });
        }
        article.Credits.Clear();
        article.Credits.AddRange(credits);
    }

    /// <summary>Another article's slug that looks the same as <paramref name="slug"/> in other letters (see <see cref="Lookalikes"/>).</summary>
    private Task<string?> ArticleTwinAsync(Article article, string slug, CancellationToken ct) =>
        Lookalikes.FindTwinAsync(db.Articles.Where(a => a.Id != article.Id).Select(a => a.Slug), slug, ct);

    private static string LookalikeSlug(string slug, string twin) =>
        $"The slug \"{slug}\" looks the same as \"{twin}\", another article's, but is written in other letters; readers could not tell the two addresses apart.";

    private async Task ApplyTagsAsync(Article article, List<string> names, ValidationErrors errors, CancellationToken ct)
    {
        if (names.Count > ArticleLimits.MaxTags) errors.Add("tags", $"An article can have at most {ArticleLimits.MaxTags} tags.");
        var tags = new List<ArticleTag>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = TagNames.Clean(names[i]);
            if (name.Length == 0) { errors.Add($"tags[{i}]", "A tag cannot be empty."); continue; }
            if (name.Length > ArticleLimits.TagName) { errors.Add($"tags[{i}]", $"A tag can be at most {ArticleLimits.TagName} characters long."); continue; }
            if (MixedScript.Problem(name, "tag") is { } mixed) { errors.Add($"tags[{i}]", mixed); continue; }
            var slug = Slug.From(name);
            if (tags.Any(t => t.Tag.Slug == slug)) continue;
            var tag = db.Tags.Local.FirstOrDefault(t => t.Slug == slug) ?? await db.Tags.FirstOrDefaultAsync(t => t.Slug == slug, ct);
            // A tag that was renamed or merged away still finds where its stories went.
            if (tag is null && await db.TagRedirects.Where(r => r.OldSlug == slug).Select(r => (int?)r.TagId).FirstOrDefaultAsync(ct) is { } movedTo)
                tag = db.Tags.Local.FirstOrDefault(t => t.Id == movedTo) ?? await db.Tags.FirstOrDefaultAsync(t => t.Id == movedTo, ct);
            if (tag is not null && tags.Any(t => ReferenceEquals(t.Tag, tag))) continue;
            if (tag is null && await TagTwinAsync(slug, ct) is { } twin)
            {
                errors.Add($"tags[{i}]", TagNames.Lookalike(name, twin));
                continue;
            }
            if (tag is null)
            {
                tag = new Tag { Name = name, Slug = slug, ModifiedAt = time.UtcNow() };
                db.Tags.Add(tag);
            }
            tags.Add(new ArticleTag { Tag = tag, TagId = tag.Id });
        }
        article.Tags.Clear();
        article.Tags.AddRange(tags);
    }

    /// <summary>The name of a tag, saved or added in this save, that looks the same as a new tag's slug in other letters.</summary>
    private async Task<string?> TagTwinAsync(string slug, CancellationToken ct)
    {
        var skeleton = Lookalikes.Skeleton(slug);
        if (db.Tags.Local.FirstOrDefault(t => t.Slug != slug && Lookalikes.Skeleton(t.Slug) == skeleton) is { } added) return added.Name;
        return await Lookalikes.FindTwinAsync(db.Tags.Select(t => t.Slug), slug, ct) is { } twin
            ? await db.Tags.Where(t => t.Slug == twin).Select(t => t.Name).FirstAsync(ct)
            : null;
    }

    private async Task ApplyHeroImageAsync(Article article, HeroImageInput input, ValidationErrors errors, CancellationToken ct)
    {
        foreach (var (field, value) in new[] { ("alt", input.Alt), ("caption", input.Caption), ("credit", input.Credit) })
            if (value?.Length > ArticleLimits.HeroText) errors.Add($"heroImage.{field}", $"The {field} is longer than {ArticleLimits.HeroText} characters.");
        // An address copied from the media library means that picture, with all its sizes and formats.
        var mediaId = input.MediaId;
        if (mediaId is null && input.Url is { } pasted && MediaUrls.KeyOf(pasted.Trim()) is { } key)
        {
            mediaId = await db.Media.Where(m => m.StorageKey == key).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            // Fields left empty beside a pasted address take the library's description.
            static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
            input = input with { Alt = Given(input.Alt), Caption = Given(input.Caption), Credit = Given(input.Credit) };
        }
        if (mediaId is { } id)
        {
            await ApplyLibraryHeroAsync(article, id, input, errors, ct);
            return;
        }
        if (string.IsNullOrWhiteSpace(input.Url))
        {
            // Neither a picture nor a URL removes the hero image.
            article.HeroImage = null;
            return;
        }
        var url = input.Url.Trim();
        var isLocal = SitePath.IsSitePath(url);
        var isRemote = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp);
        if (!isLocal && !isRemote) errors.Add("heroImage.url", "The image URL must be an http(s) URL or a path on this site starting with \"/\".");
        if (url.Length > ArticleLimits.Url) errors.Add("heroImage.url", $"The image URL is longer than {ArticleLimits.Url} characters.");
        if (input.Width is <= 0 or > 20000) errors.Add("heroImage.width", "The width must be between 1 and 20000 pixels.");
        if (input.Height is <= 0 or > 20000) errors.Add("heroImage.height", "The height must be between 1 and 20000 pixels.");
        article.HeroImage = new HeroImage
        {
            Url = url,
            Alt = input.Alt?.Trim() ?? "",
            Caption = NullIfBlank(input.Caption),
            Credit = NullIfBlank(input.Credit),
            Width = input.Width,
            Height = input.Height,
        };
    }

    // A library picture brings its own size, and its description where the story gives none; an empty
    // string given for caption or credit leaves that line out.
    private async Task ApplyLibraryHeroAsync(Article article, int mediaId, HeroImageInput input, ValidationErrors errors, CancellationToken ct)
    {
        var media = await db.Media.FirstOrDefaultAsync(m => m.Id == mediaId, ct);
        if (media is null)
        {
            errors.Add("heroImage.mediaId", $"There is no picture with id {mediaId} in the media library.");
            return;
        }
        article.HeroImage = new HeroImage
        {
            Url = MediaUrls.Default(MediaRef.From(media)),
            MediaId = media.Id,
            Media = media,
            Alt = input.Alt?.Trim() ?? media.Alt,
            Caption = input.Caption is null ? media.Caption : NullIfBlank(input.Caption),
            Credit = input.Credit is null ? media.Credit : NullIfBlank(input.Credit),
            Width = media.Width,
            Height = media.Height,
        };
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
