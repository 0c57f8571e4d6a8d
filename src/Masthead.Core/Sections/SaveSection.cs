using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Sections;

public sealed record SectionInput(string? Name, string? Slug, string? Parent, string? Description, int? SortOrder);

/// <summary>
/// Creates, edits, moves, reorders and deletes sections, keeping every descendant's path in step with its
/// ancestors. Each change is recorded in the audit trail by the same save that makes it.
/// </summary>
public sealed class SaveSection(MastheadDbContext db, TimeProvider time)
{
    private const string Refused = "Only editors and admins may change sections.";

    public async Task<Result<Section>> CreateAsync(SectionInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Section>.Forbidden(Refused);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "A section needs a name.");
        var now = time.UtcNow();
        var section = new Section { ModifiedAt = now };
        await ApplyAsync(section, input, errors, isNew: true, ct);
        if (errors.Any) return Result<Section>.Invalid(errors);
        // Without an explicit position a new section goes after its siblings.
        if (input.SortOrder is null) section.SortOrder = await NextSortOrderAsync(section.ParentId, ct);

        // The event needs the new id, and commits together with the section.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Sections.Add(section);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, now, actor, "created a section", "section", section.Id, detail: $"{section.Name} (/{section.Path})");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<Section>.Created(section);
    }

    /// <summary>Old section addresses answer 301 to where each section is now (through the same table as imported addresses).</summary>
    private async Task RememberOldAddressesAsync(List<(string OldPath, int Id)> moved, DateTime now, CancellationToken ct)
    {
        var paths = moved.Select(m => m.OldPath).ToList();
        var existing = await db.LegacyUrls.Where(u => paths.Contains(u.Path)).ToDictionaryAsync(u => u.Path, ct);
        foreach (var (oldPath, id) in moved)
        {
            if (existing.TryGetValue(oldPath, out var known)) (known.TargetKind, known.TargetId) = (Import.ImportEntityKind.Section, id);
            else db.LegacyUrls.Add(new Import.LegacyUrl { Path = oldPath, TargetKind = Import.ImportEntityKind.Section, TargetId = id, CreatedAt = now });
        }
    }

    public async Task<Result<Section>> UpdateAsync(int id, SectionInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Section>.Forbidden(Refused);
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return Result<Section>.NotFound($"There is no section with id {id}.");
        var errors = new ValidationErrors();
        var oldPath = section.Path;
        var oldParent = section.ParentId;
        await ApplyAsync(section, input, errors, isNew: false, ct);
        if (errors.Any) return Result<Section>.Invalid(errors);
        if (section.ParentId != oldParent && input.SortOrder is null) section.SortOrder = await NextSortOrderAsync(section.ParentId, ct);
        var now = time.UtcNow();
        if (oldPath != section.Path)
        {
            // Path is denormalised (it is the URL), so every section under this one moves with it; each old address
            // keeps answering, with a permanent redirect to the new one (readers' bookmarks, search engines, links).
            var moved = new List<(string OldPath, int Id)> { (oldPath, section.Id) };
            var descendants = await db.Sections.Where(s => s.Path.StartsWith(oldPath + "/")).ToListAsync(ct);
            foreach (var d in descendants)
            {
                moved.Add((d.Path, d.Id));
                d.Path = section.Path + d.Path[oldPath.Length..];
            }
            await RememberOldAddressesAsync(moved, now, ct);
        }
        section.ModifiedAt = now;
        var what = oldPath != section.Path ? $"{section.Name} (/{oldPath} → /{section.Path})" : $"{section.Name} (/{section.Path})";
        AuditTrail.Record(db, now, actor, "edited a section", "section", section.Id, detail: what);
        await db.SaveChangesAsync(ct);
        return Result<Section>.Ok(section);
    }

    /// <summary>Moves a section one place up (-1) or down (+1) among its siblings.</summary>
    public async Task<Result<Section>> MoveAsync(int id, int step, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Section>.Forbidden(Refused);
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return Result<Section>.NotFound($"There is no section with id {id}.");
        if (step is not (-1 or 1)) return Result<Section>.Invalid("step", "A section moves one place up or down at a time.");

        // Siblings in the order readers see them; numbering them afresh mends ties and gaps.
        var siblings = await db.Sections.Where(s => s.ParentId == section.ParentId).ToListAsync(ct);
        siblings = siblings.OrderBy(s => s.SortOrder).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var index = siblings.FindIndex(s => s.Id == id);
        var other = index + step;
        if (other < 0 || other >= siblings.Count)
            return Result<Section>.Invalid("step", step < 0 ? $"“{section.Name}” is already first." : $"“{section.Name}” is already last.");
        (siblings[index], siblings[other]) = (siblings[other], siblings[index]);
        var now = time.UtcNow();
        for (var i = 0; i < siblings.Count; i++)
        {
            if (siblings[i].SortOrder == i) continue;
            siblings[i].SortOrder = i;
            siblings[i].ModifiedAt = now;
        }
        AuditTrail.Record(db, now, actor, step < 0 ? "moved a section up" : "moved a section down", "section", section.Id,
            detail: $"{section.Name} (/{section.Path}), now {other + 1} of {siblings.Count}");
        await db.SaveChangesAsync(ct);
        return Result<Section>.Ok(section);
    }

    /// <summary>Deletes a section with no sub-sections and no stories; anything else would strand content.</summary>
    public async Task<Result<Section>> DeleteAsync(int id, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Section>.Forbidden(Refused);
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return Result<Section>.NotFound($"There is no section with id {id}.");
        var children = await db.Sections.CountAsync(s => s.ParentId == id, ct);
        var stories = await db.Articles.CountAsync(a => a.PrimarySectionId == id, ct);
        var alsoIn = await db.Set<ArticleSection>().CountAsync(s => s.SectionId == id, ct);
        var reasons = new List<string>();
        if (children > 0) reasons.Add(children == 1 ? "1 sub-section" : $"{children} sub-sections");
        if (stories > 0) reasons.Add(stories == 1 ? "1 story" : $"{stories} stories");
        if (alsoIn > 0) reasons.Add(alsoIn == 1 ? "1 story that also appears in it" : $"{alsoIn} stories that also appear in it");
        if (reasons.Count > 0)
            return Result<Section>.Invalid("section",
                $"“{section.Name}” still has {string.Join(" and ", reasons)}. Move them to another section first; only an empty section can be deleted.");

        db.Sections.Remove(section);
        AuditTrail.Record(db, time.UtcNow(), actor, "deleted a section", "section", section.Id, detail: $"{section.Name} (/{section.Path})");
        await db.SaveChangesAsync(ct);
        return Result<Section>.Ok(section);
    }

    private async Task<int> NextSortOrderAsync(int? parentId, CancellationToken ct) =>
        (await db.Sections.Where(s => s.ParentId == parentId).Select(s => (int?)s.SortOrder).MaxAsync(ct) ?? -1) + 1;

    private async Task ApplyAsync(Section section, SectionInput input, ValidationErrors errors, bool isNew, CancellationToken ct)
    {
        if (input.Name is not null)
        {
            var name = input.Name.Trim();
            if (name.Length == 0) errors.Add("name", "The name cannot be empty.");
            else if (name.Length > 120) errors.Add("name", "The name can be at most 120 characters long.");
            section.Name = name;
        }
        if (input.Description is not null)
        {
            if (input.Description.Length > 1000) errors.Add("description", "The description can be at most 1000 characters long.");
            section.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        }
        if (input.SortOrder is { } order)
        {
            if (order is < 0 or > 100_000) errors.Add("sortOrder", "The order must be a whole number from 0 to 100000.");
            else section.SortOrder = order;
        }

        Section? parent = null;
        if (input.Parent is not null)
        {
            var parentPath = input.Parent.Trim().Trim('/').ToLowerInvariant();
            if (parentPath.Length > 0)
            {
                parent = await db.Sections.FirstOrDefaultAsync(s => s.Path == parentPath, ct);
                if (parent is null) { errors.Add("parent", $"There is no section with the path \"{input.Parent}\"."); return; }
                if (!isNew && (parent.Id == section.Id || parent.Path.StartsWith(section.Path + "/", StringComparison.Ordinal)))
                { errors.Add("parent", "A section cannot be moved inside itself."); return; }
            }
            section.ParentId = parent?.Id;
        }
        else if (section.ParentId is { } parentId)
        {
            parent = await db.Sections.FirstAsync(s => s.Id == parentId, ct);
        }

        var slug = input.Slug is not null ? Slug.Normalize(input.Slug) : isNew ? Slug.From(section.Name) : section.Slug;
        if (!Slug.IsValid(slug)) { errors.Add("slug", Slug.Explain(slug)); return; }
        if (parent is null && ReservedPaths.IsReserved(slug)) { errors.Add("slug", $"\"{slug}\" is reserved for the application's own pages."); return; }
        if (parent is null && await db.Pages.AnyAsync(p => p.Slug == slug, ct)) { errors.Add("slug", $"A page already uses the address /{slug}."); return; }
        // A sibling's address in other letters that read the same (see Lookalikes) would be two sections readers cannot tell apart.
        if (slug != section.Slug && await Lookalikes.FindTwinAsync(
                db.Sections.Where(s => s.ParentId == (parent == null ? null : parent.Id) && s.Id != section.Id).Select(s => s.Slug), slug, ct) is { } twin)
        { errors.Add("slug", $"The address \"{slug}\" looks the same as \"{twin}\", another section's, but is written in other letters; readers could not tell the two apart."); return; }
        section.Slug = slug;
        var path = parent is null ? slug : $"{parent.Path}/{slug}";
        if (path.Length > 600) { errors.Add("slug", "The section's address would be longer than 600 characters; nest it less deeply."); return; }
        if (path != section.Path && await db.Sections.AnyAsync(s => s.Path == path && s.Id != section.Id, ct))
        { errors.Add("slug", $"There is already a section at \"{path}\"."); return; }
        section.Path = path;
    }
}
