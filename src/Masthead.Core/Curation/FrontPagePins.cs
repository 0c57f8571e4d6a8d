using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Curation;

/// <summary>
/// Editors' pins: which stories lead the home page and each section's page, in their order. Pinning to a section
/// takes a story that appears there (its own section, one it also appears in, or one below either), so a section
/// page never leads with a story that does not belong to it.
/// </summary>
public sealed class FrontPagePins(MastheadDbContext db, TimeProvider time)
{
    /// <summary>A lead and a few beside it: more pins than this would freeze the page's top against the news.</summary>
    public const int MaxPerPage = 6;

    private const string Refused = "Only editors and admins choose the stories that lead the home page and section pages.";

    public sealed record PinnedStory(int PinId, int ArticleId, string Headline, ArticleStatus Status, int Position);

    /// <summary>The pins of one page (the home page when <paramref name="sectionId"/> is null), lead first.</summary>
    public async Task<IReadOnlyList<PinnedStory>> ListAsync(int? sectionId, CancellationToken ct) =>
        (await db.Pins.AsNoTracking().Where(p => p.SectionId == sectionId)
            .Join(db.Articles, p => p.ArticleId, a => a.Id, (p, a) => new { p.Id, ArticleId = a.Id, a.Headline, a.Status, p.Position })
            .OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct))
        .Select(p => new PinnedStory(p.Id, p.ArticleId, p.Headline, p.Status, p.Position)).ToList();

    public async Task<Result<Pin>> PinAsync(int articleId, int? sectionId, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanCurateFrontPages(editor.Role)) return Result<Pin>.Forbidden(Refused);
        var story = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Headline, a.Status, a.PrimarySectionId, Also = a.SecondarySections.Select(s => s.SectionId).ToList() }).FirstOrDefaultAsync(ct);
        if (story is null) return Result<Pin>.Invalid("articleId", $"There is no story with id {articleId}.");
        if (story.Status is not (ArticleStatus.Published or ArticleStatus.Approved or ArticleStatus.Scheduled))
            return Result<Pin>.Invalid("articleId", "Only a published, approved or scheduled story can be pinned.");
        var place = "the home page";
        if (sectionId is { } sid)
        {
            var sections = await db.Sections.AsNoTracking().Select(s => new { s.Id, s.ParentId, s.Name }).ToListAsync(ct);
            var section = sections.FirstOrDefault(s => s.Id == sid);
            if (section is null) return Result<Pin>.Invalid("sectionId", $"There is no section with id {sid}.");
            var parents = sections.ToDictionary(s => s.Id, s => s.ParentId);
            bool Within(int id) { for (int? at = id; at is { } x; at = parents.GetValueOrDefault(x)) if (x == sid) return true; return false; }
            if (!Within(story.PrimarySectionId) && !story.Also.Any(Within))
                return Result<Pin>.Invalid("articleId", $"“{story.Headline}” does not appear in {section.Name}: add the section to the story first.");
            place = section.Name;
        }
        var pins = await db.Pins.Where(p => p.SectionId == sectionId).ToListAsync(ct);
        if (pins.Any(p => p.ArticleId == articleId)) return Result<Pin>.Invalid("articleId", $"“{story.Headline}” is already pinned to {place}.");
        if (pins.Count >= MaxPerPage) return Result<Pin>.Invalid("articleId", $"{Capital(place)} has {MaxPerPage} pinned stories already: unpin one first.");
        var now = time.UtcNow();
        var pin = new Pin
        {
            ArticleId = articleId, SectionId = sectionId, PinnedAt = now, PinnedByUserId = editor.UserId > 0 ? editor.UserId : null,
            Position = pins.Count == 0 ? 0 : pins.Max(p => p.Position) + 1,
        };
        db.Pins.Add(pin);
        AuditTrail.Record(db, now, editor, "pinned a story", "pin", null, articleId, $"to {place}");
        await db.SaveChangesAsync(ct);
        return Result<Pin>.Created(pin);
    }

    public async Task<Result<Pin>> UnpinAsync(int pinId, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanCurateFrontPages(editor.Role)) return Result<Pin>.Forbidden(Refused);
        var pin = await db.Pins.FirstOrDefaultAsync(p => p.Id == pinId, ct);
        if (pin is null) return Result<Pin>.NotFound("That story is no longer pinned.");
        db.Pins.Remove(pin);
        AuditTrail.Record(db, time.UtcNow(), editor, "unpinned a story", "pin", null, pin.ArticleId, await PlaceAsync(pin.SectionId, ct));
        await db.SaveChangesAsync(ct);
        return Result<Pin>.Ok(pin);
    }

    /// <summary>Moves a pin one place up (towards the lead) or down; the pins keep positions 0, 1, 2… afterwards.</summary>
    public async Task<Result<Pin>> MoveAsync(int pinId, bool up, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanCurateFrontPages(editor.Role)) return Result<Pin>.Forbidden(Refused);
        var pin = await db.Pins.FirstOrDefaultAsync(p => p.Id == pinId, ct);
        if (pin is null) return Result<Pin>.NotFound("That story is no longer pinned.");
        var order = await db.Pins.Where(p => p.SectionId == pin.SectionId).OrderBy(p => p.Position).ThenBy(p => p.Id).ToListAsync(ct);
        var at = order.FindIndex(p => p.Id == pinId);
        var to = up ? at - 1 : at + 1;
        if (to < 0 || to >= order.Count) return Result<Pin>.Ok(pin);
        (order[at], order[to]) = (order[to], order[at]);
        for (var i = 0; i < order.Count; i++) order[i].Position = i;
        AuditTrail.Record(db, time.UtcNow(), editor, "reordered pinned stories", "pin", null, pin.ArticleId, await PlaceAsync(pin.SectionId, ct));
        await db.SaveChangesAsync(ct);
        return Result<Pin>.Ok(pin);
    }

    private async Task<string> PlaceAsync(int? sectionId, CancellationToken ct) =>
        sectionId is { } id ? await db.Sections.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "a section" : "the home page";

    private static string Capital(string place) => char.ToUpperInvariant(place[0]) + place[1..];
}
