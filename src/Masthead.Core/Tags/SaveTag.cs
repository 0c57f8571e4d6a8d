using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Tags;

public sealed record TagInput(string? Name, string? Slug);

public sealed class SaveTag(MastheadDbContext db, TimeProvider time, IContentChangeNotifier notifier)
{
    public async Task<Result<Tag>> CreateAsync(TagInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "A tag needs a name.");
        var tag = new Tag();
        await ApplyAsync(tag, input, errors, ct);
        if (errors.Any) return Result<Tag>.Invalid(errors);
        db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        return Result<Tag>.Created(tag);
    }

    public async Task<Result<Tag>> UpdateAsync(int id, TagInput input, CancellationToken ct)
    {
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tag is null) return Result<Tag>.NotFound($"There is no tag with id {id}.");
        var errors = new ValidationErrors();
        await ApplyAsync(tag, input, errors, ct);
        if (errors.Any) return Result<Tag>.Invalid(errors);
        await db.SaveChangesAsync(ct);
        await notifier.ContentChangedAsync(ct);
        return Result<Tag>.Ok(tag);
    }

    private async Task ApplyAsync(Tag tag, TagInput input, ValidationErrors errors, CancellationToken ct)
    {
        tag.ModifiedAt = time.UtcNow();
        if (input.Name is not null)
        {
            tag.Name = input.Name.Trim();
            if (tag.Name.Length == 0) errors.Add("name", "The name cannot be empty.");
            else if (tag.Name.Length > ArticleLimits.TagName) errors.Add("name", $"The name can be at most {ArticleLimits.TagName} characters long.");
        }
        var slug = input.Slug?.Trim() ?? (tag.Slug.Length > 0 ? tag.Slug : Slug.From(tag.Name));
        if (!Slug.IsValid(slug)) { errors.Add("slug", $"\"{input.Slug}\" is not a valid slug."); return; }
        if (slug != tag.Slug && await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != tag.Id, ct))
        { errors.Add("slug", $"The slug \"{slug}\" is already used by another tag."); return; }
        tag.Slug = slug;
    }
}
