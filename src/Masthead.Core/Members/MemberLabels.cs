using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Members;

/// <summary>A word editors put on a member to find them again ("Fair 2023", "VIP"); members never see their labels.</summary>
public sealed class MemberLabel
{
    public int MemberId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>Editors and admins add and remove labels on members; the Members page filters by them.</summary>
public sealed class MemberLabels(MastheadDbContext db, TimeProvider time)
{
    public const int MaxLength = 60;
    public const int MaxPerMember = 30;

    /// <summary>The label as stored (trimmed, inner spaces single), or why it cannot be one.</summary>
    public static (string? Label, string? Error) Clean(string? typed)
    {
        var text = string.Join(' ', (NulScrubber.Clean(typed) ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return (null, "Type the label, such as “Fair 2023”.");
        if (text.Length > MaxLength) return (null, $"A label can be at most {MaxLength} characters; this one has {text.Length}.");
        // Ghost's exports, and ours, list labels separated by commas.
        if (text.Contains(',')) return (null, "A label cannot hold a comma; add two labels instead.");
        return (text, null);
    }

    public async Task<Result<MemberLabel>> AddAsync(int memberId, string? typed, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanManageMembers(editor.Role)) return Result<MemberLabel>.Forbidden("Only editors and admins label members.");
        if (!await db.Members.AnyAsync(m => m.Id == memberId && m.Status != MemberStatus.Deleted, ct)) return Result<MemberLabel>.NotFound("That member does not exist.");
        var (label, error) = Clean(typed);
        if (label is null) return Result<MemberLabel>.Invalid("label", error!);
        var existing = await db.MemberLabels.Where(l => l.MemberId == memberId).Select(l => l.Name).ToListAsync(ct);
        // The same label in another case is the same label: the first spelling stays.
        if (existing.FirstOrDefault(l => l.Equals(label, StringComparison.OrdinalIgnoreCase)) is { } same)
            return Result<MemberLabel>.Ok(new MemberLabel { MemberId = memberId, Name = same });
        if (existing.Count >= MaxPerMember) return Result<MemberLabel>.Invalid("label", $"A member can have at most {MaxPerMember} labels; remove one first.");
        var added = new MemberLabel { MemberId = memberId, Name = label };
        db.MemberLabels.Add(added);
        AuditTrail.Record(db, time.UtcNow(), editor, "labelled a member", "member", memberId, detail: label);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Added by someone else at the same moment: it is there, which is what was asked.
        }
        return Result<MemberLabel>.Created(added);
    }

    public async Task<Result<MemberLabel>> RemoveAsync(int memberId, string? name, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanManageMembers(editor.Role)) return Result<MemberLabel>.Forbidden("Only editors and admins label members.");
        var removed = await db.MemberLabels.Where(l => l.MemberId == memberId && l.Name == name).ExecuteDeleteAsync(ct);
        if (removed == 0) return Result<MemberLabel>.NotFound("That member does not have that label (any more).");
        AuditTrail.Record(db, time.UtcNow(), editor, "removed a member's label", "member", memberId, detail: name);
        await db.SaveChangesAsync(ct);
        return Result<MemberLabel>.Ok(new MemberLabel { MemberId = memberId, Name = name! });
    }
}
