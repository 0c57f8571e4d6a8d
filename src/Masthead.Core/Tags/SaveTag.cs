using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Tags;

public sealed record TagInput(string? Name, string? Slug);

/// <summary>
/// Creates, renames, merges and deletes tags. A slug a tag gives up keeps working as a redirect to where its
/// stories are now, so links readers saved do not break. Every change is audited in the same save.
/// </summary>
public sealed class SaveTag(MastheadDbContext db, TimeProvider time)
{
    private const string Refused = "Only editors and admins may change tags.";

    public async Task<Result<Tag>> CreateAsync(TagInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Tag>.Forbidden(Refused);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "A tag needs a name.");
        var tag = new Tag();
        await ApplyAsync(tag, input, errors, ct);
        if (errors.Any) return Result<Tag>.Invalid(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, tag.ModifiedAt, actor, "created a tag", "tag", tag.Id, detail: tag.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<Tag>.Created(tag);
    }

    /// <summary>Renames a tag; a changed slug leaves a redirect behind.</summary>
    public async Task<Result<Tag>> UpdateAsync(int id, TagInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Tag>.Forbidden(Refused);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return Result<Tag>.NotFound($"There is no tag with id {id}.");
        var (oldName, oldSlug) = (tag.Name, tag.Slug);
        var errors = new ValidationErrors();
        await ApplyAsync(tag, input, errors, ct);
        if (errors.Any) return Result<Tag>.Invalid(errors);
        if (oldSlug != tag.Slug) await PointAsync(oldSlug, tag.Id, ct);
        var what = oldName == tag.Name && oldSlug == tag.Slug ? tag.Name
            : $"{oldName} → {tag.Name}" + (oldSlug != tag.Slug ? $" (/tag/{oldSlug} → /tag/{tag.Slug})" : "");
        AuditTrail.Record(db, tag.ModifiedAt, actor, "edited a tag", "tag", tag.Id, detail: what);
        await db.SaveChangesAsync(ct);
        return Result<Tag>.Ok(tag);
    }

    /// <summary>
    /// Moves every story from <paramref name="sourceId"/> to <paramref name="targetId"/> (a story that had both keeps one
    /// copy of the target), then deletes the source; its slug, and any it inherited, redirect to the target.
    /// </summary>
    public async Task<Result<Tag>> MergeAsync(int sourceId, int? targetId, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Tag>.Forbidden(Refused);
        var source = await db.Tags.FirstOrDefaultAsync(t => t.Id == sourceId, ct);
        if (source is null) return Result<Tag>.NotFound($"There is no tag with id {sourceId}.");
        if (targetId is null) return Result<Tag>.Invalid("target", "Choose the tag to merge into.");
        if (targetId == sourceId) return Result<Tag>.Invalid("target", "A tag cannot be merged into itself; choose another tag.");
        var target = await db.Tags.FirstOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null) return Result<Tag>.Invalid("target", $"There is no tag with id {targetId} to merge into.");

        var links = await db.Set<ArticleTag>().Where(l => l.TagId == sourceId).ToListAsync(ct);
        var articleIds = links.Select(l => l.ArticleId).ToList();
        var alreadyTagged = (await db.Set<ArticleTag>().Where(l => l.TagId == target.Id && articleIds.Contains(l.ArticleId))
            .Select(l => l.ArticleId).ToListAsync(ct)).ToHashSet();
        // The link's key is (article, tag), so moving a story to the target means a new link, not an edited one.
        db.Set<ArticleTag>().RemoveRange(links);
        foreach (var articleId in articleIds.Where(a => !alreadyTagged.Contains(a)))
            db.Set<ArticleTag>().Add(new ArticleTag { ArticleId = articleId, TagId = target.Id });

        var inherited = await db.TagRedirects.Where(r => r.TagId == sourceId).ToListAsync(ct);
        foreach (var redirect in inherited) redirect.TagId = target.Id;
        await PointAsync(source.Slug, target.Id, ct);
        db.Tags.Remove(source);

        var now = time.UtcNow();
        target.ModifiedAt = now;
        AuditTrail.Record(db, now, actor, "merged a tag", "tag", target.Id,
            detail: $"{source.Name} into {target.Name} ({links.Count} {(links.Count == 1 ? "story" : "stories")}; /tag/{source.Slug} now redirects)");
        await db.SaveChangesAsync(ct);
        return Result<Tag>.Ok(target);
    }

    /// <summary>Deletes a tag; its stories simply lose it. Its address then answers 404.</summary>
    public async Task<Result<Tag>> DeleteAsync(int id, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Tag>.Forbidden(Refused);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return Result<Tag>.NotFound($"There is no tag with id {id}.");
        var count = await db.Set<ArticleTag>().CountAsync(l => l.TagId == id, ct);
        // Links and redirects go with the tag (cascading deletes).
        db.Tags.Remove(tag);
        AuditTrail.Record(db, time.UtcNow(), actor, "deleted a tag", "tag", tag.Id,
            detail: $"{tag.Name} (removed from {count} {(count == 1 ? "story" : "stories")})");
        await db.SaveChangesAsync(ct);
        return Result<Tag>.Ok(tag);
    }

    // One old slug points at one tag; pointing it again (a second rename through the same slug) moves it.
    private async Task PointAsync(string oldSlug, int tagId, CancellationToken ct)
    {
        var existing = db.TagRedirects.Local.FirstOrDefault(r => r.OldSlug == oldSlug)
            ?? await db.TagRedirects.FirstOrDefaultAsync(r => r.OldSlug == oldSlug, ct);
        if (existing is not null) existing.TagId = tagId;
        else db.TagRedirects.Add(new TagRedirect { OldSlug = oldSlug, TagId = tagId, CreatedAt = time.UtcNow() });
    }

    private async Task ApplyAsync(Tag tag, TagInput input, ValidationErrors errors, CancellationToken ct)
    {
        tag.ModifiedAt = time.UtcNow();
        if (input.Name is not null)
        {
            tag.Name = TagNames.Clean(input.Name);
            if (tag.Name.Length == 0) errors.Add("name", "The name cannot be empty.");
            else if (tag.Name.Length > ArticleLimits.TagName) errors.Add("name", $"The name can be at most {ArticleLimits.TagName} characters long.");
            else if (MixedScript.Problem(tag.Name, "tag name") is { } mixed) { errors.Add("name", mixed); return; }
        }
        var slug = input.Slug is not null ? Slug.Normalize(input.Slug) : tag.Slug.Length > 0 ? tag.Slug : Slug.From(tag.Name);
        if (!Slug.IsValid(slug)) { errors.Add("slug", Slug.Explain(slug)); return; }
        if (slug != tag.Slug && await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != tag.Id, ct))
        { errors.Add("slug", $"The slug \"{slug}\" is already used by another tag."); return; }
        if (slug != tag.Slug && await Lookalikes.FindTwinAsync(db.Tags.Where(t => t.Id != tag.Id).Select(t => t.Slug), slug, ct) is { } twin)
        {
            var existing = await db.Tags.Where(t => t.Slug == twin).Select(t => t.Name).FirstAsync(ct);
            errors.Add(input.Slug is not null ? "slug" : "name", TagNames.Lookalike(input.Name is not null ? tag.Name : slug, existing));
            return;
        }
        // A live tag wins over an old redirect that used its slug.
        if (slug != tag.Slug)
        {
            var stale = await db.TagRedirects.FirstOrDefaultAsync(r => r.OldSlug == slug, ct);
            if (stale is not null) db.TagRedirects.Remove(stale);
        }
        tag.Slug = slug;
    }
}
