using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Sections;

public sealed record SectionInput(string? Name, string? Slug, string? Parent, string? Description, int? SortOrder);

/// <summary>Creates and edits sections, keeping every descendant's path in step with its ancestors.</summary>
public sealed class SaveSection(MastheadDbContext db, TimeProvider time, IContentChangeNotifier notifier)
{
    public async Task<Result<Section>> CreateAsync(SectionInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "A section needs a name.");
        var section = new Section { ModifiedAt = time.UtcNow() };
        await ApplyAsync(section, input, errors, isNew: true, ct);
        if (errors.Any) return Result<Section>.Invalid(errors);
        db.Sections.Add(section);
        await db.SaveChangesAsync(ct);
        await notifier.ContentChangedAsync(ct);
        return Result<Section>.Created(section);
    }

    public async Task<Result<Section>> UpdateAsync(int id, SectionInput input, CancellationToken ct)
    {
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (section is null) return Result<Section>.NotFound($"There is no section with id {id}.");
        var errors = new ValidationErrors();
        var oldPath = section.Path;
        await ApplyAsync(section, input, errors, isNew: false, ct);
        if (errors.Any) return Result<Section>.Invalid(errors);
        if (oldPath != section.Path)
        {
            var descendants = await db.Sections.Where(s => s.Path.StartsWith(oldPath + "/")).ToListAsync(ct);
            foreach (var d in descendants) d.Path = section.Path + d.Path[oldPath.Length..];
        }
        section.ModifiedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);
        await notifier.ContentChangedAsync(ct);
        return Result<Section>.Ok(section);
    }

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
        if (input.SortOrder is { } order) section.SortOrder = order;

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

        var slug = input.Slug?.Trim() ?? (isNew ? Slug.From(section.Name) : section.Slug);
        if (!Slug.IsValid(slug)) { errors.Add("slug", $"\"{input.Slug}\" is not a valid slug: use lowercase letters, digits and single hyphens."); return; }
        if (parent is null && ReservedPaths.IsReserved(slug)) { errors.Add("slug", $"\"{slug}\" is reserved for the application's own pages."); return; }
        if (parent is null && await db.Pages.AnyAsync(p => p.Slug == slug, ct)) { errors.Add("slug", $"A page already uses the address /{slug}."); return; }
        section.Slug = slug;
        var path = parent is null ? slug : $"{parent.Path}/{slug}";
        if (path != section.Path && await db.Sections.AnyAsync(s => s.Path == path && s.Id != section.Id, ct))
        { errors.Add("slug", $"There is already a section at \"{path}\"."); return; }
        section.Path = path;
    }
}
