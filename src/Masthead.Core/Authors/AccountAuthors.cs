using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Authors;

/// <summary>
/// Every newsroom account writes as an author: one without a profile gets one named after the person, so a new
/// story's byline can default to its writer. Admins can link an account to another profile on the People page.
/// </summary>
public static class AccountAuthors
{
    /// <summary>The slug of the user's author profile, made (and saved) first if the user has none.</summary>
    public static async Task<string?> EnsureAsync(MastheadDbContext db, int userId, DateTime now, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        if (user.AuthorId is { } linked && await db.Authors.Where(a => a.Id == linked).Select(a => a.Slug).FirstOrDefaultAsync(ct) is { } slug)
            return slug;

        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email.Split('@')[0] : user.DisplayName.Trim();
        var baseSlug = Slug.From(name);
        var candidate = baseSlug;
        for (var n = 2; await db.Authors.AnyAsync(a => a.Slug == candidate, ct); n++)
            candidate = $"{baseSlug[..Math.Min(baseSlug.Length, Slug.MaxLength - 6)]}-{n}";
        var author = new Author { Name = name.Length > 200 ? name[..200] : name, Slug = candidate, ModifiedAt = now };
        db.Authors.Add(author);
        await db.SaveChangesAsync(ct);
        user.AuthorId = author.Id;
        await db.SaveChangesAsync(ct);
        return author.Slug;
    }
}
