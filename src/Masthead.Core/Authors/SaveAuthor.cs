using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Authors;

public sealed record AuthorInput(string? Name, string? Slug, string? Bio, string? PhotoUrl, List<string>? Links);

/// <summary>Creates and edits author profiles; every change is audited in the same save.</summary>
public sealed class SaveAuthor(MastheadDbContext db, TimeProvider time)
{
    public const int MaxLinks = 10;
    private const string Refused = "Only editors and admins may change author profiles.";

    public async Task<Result<Author>> CreateAsync(AuthorInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Author>.Forbidden(Refused);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "An author needs a name.");
        var author = new Author();
        await ApplyAsync(author, input, errors, ct);
        if (errors.Any) return Result<Author>.Invalid(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Authors.Add(author);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, author.ModifiedAt, actor, "created an author", "author", author.Id, detail: author.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<Author>.Created(author);
    }

    public async Task<Result<Author>> UpdateAsync(int id, AuthorInput input, Editor actor, CancellationToken ct)
    {
        if (!Permissions.CanManageTaxonomy(actor.Role)) return Result<Author>.Forbidden(Refused);
        var author = await db.Authors.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (author is null) return Result<Author>.NotFound($"There is no author with id {id}.");
        var oldName = author.Name;
        var errors = new ValidationErrors();
        await ApplyAsync(author, input, errors, ct);
        if (errors.Any) return Result<Author>.Invalid(errors);
        AuditTrail.Record(db, author.ModifiedAt, actor, "edited an author", "author", author.Id,
            detail: oldName == author.Name ? author.Name : $"{oldName} → {author.Name}");
        await db.SaveChangesAsync(ct);
        return Result<Author>.Ok(author);
    }

    private async Task ApplyAsync(Author author, AuthorInput input, ValidationErrors errors, CancellationToken ct)
    {
        author.ModifiedAt = time.UtcNow();
        if (input.Name is not null)
        {
            author.Name = input.Name.Trim();
            if (author.Name.Length == 0) errors.Add("name", "The name cannot be empty.");
            else if (author.Name.Length > 200) errors.Add("name", "The name can be at most 200 characters long.");
        }
        if (input.Bio is not null)
        {
            if (input.Bio.Length > 4000) errors.Add("bio", "The bio can be at most 4000 characters long.");
            author.Bio = string.IsNullOrWhiteSpace(input.Bio) ? null : input.Bio.Trim();
        }
        if (input.PhotoUrl is not null)
        {
            var photo = input.PhotoUrl.Trim();
            if (photo.Length > 0 && !IsWebUrl(photo) && !SitePath.IsSitePath(photo))
                errors.Add("photoUrl", "The photo URL must be an http(s) URL or a path on this site starting with \"/\".");
            else if (photo.Length > 2000) errors.Add("photoUrl", "The photo URL can be at most 2000 characters long.");
            author.PhotoUrl = photo.Length == 0 ? null : photo;
        }
        if (input.Links is not null)
        {
            if (input.Links.Count > MaxLinks) errors.Add("links", $"An author can have at most {MaxLinks} links.");
            for (var i = 0; i < input.Links.Count; i++)
                if (!IsWebUrl(input.Links[i]?.Trim())) errors.Add($"links[{i}]", $"\"{input.Links[i]}\" is not an http(s) URL.");
            author.Links = input.Links.Select(l => l?.Trim() ?? "").ToList();
        }
        var slug = input.Slug is not null ? Slug.Normalize(input.Slug) : author.Slug.Length > 0 ? author.Slug : Slug.From(author.Name);
        if (!Slug.IsValid(slug)) { errors.Add("slug", Slug.Explain(slug)); return; }
        if (slug != author.Slug && await db.Authors.AnyAsync(a => a.Slug == slug && a.Id != author.Id, ct))
        { errors.Add("slug", $"The slug \"{slug}\" is already used by another author."); return; }
        if (slug != author.Slug && await Lookalikes.FindTwinAsync(db.Authors.Where(a => a.Id != author.Id).Select(a => a.Slug), slug, ct) is { } twin)
        { errors.Add("slug", $"The slug \"{slug}\" looks the same as \"{twin}\", another author's, but is written in other letters; readers could not tell the two profiles apart."); return; }
        author.Slug = slug;
    }

    private static bool IsWebUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
