using System.Text.RegularExpressions;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

public sealed record NewsletterInput(string? Name, string? Description, string? SenderName, string? SenderEmail, string? ReplyTo,
    bool DefaultForNewMembers, IReadOnlyCollection<int> SectionIds);

/// <summary>Admins define and archive newsletters; editors and authors ask for a story to go out as one.</summary>
public sealed class NewsletterDesk(MastheadDbContext db, TimeProvider time)
{
    public async Task<Result<Newsletter>> SaveAsync(int? id, NewsletterInput input, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanManageNewsletters(editor.Role)) return Result<Newsletter>.Forbidden("Only admins define newsletters.");
        var errors = new ValidationErrors();
        var name = NulScrubber.Clean(input.Name)?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "Give the newsletter a name, such as “The Quire Daily”.");
        else if (name.Length > NewsletterLimits.Name) errors.Add("name", $"The name can be at most {NewsletterLimits.Name} characters.");
        var description = NulScrubber.Clean(input.Description)?.Trim() ?? "";
        if (description.Length > NewsletterLimits.Description) errors.Add("description", $"The description can be at most {NewsletterLimits.Description} characters.");
        var senderName = NulScrubber.Clean(input.SenderName)?.Trim() is { Length: > 0 } given ? given : name;
        if (senderName.Length > NewsletterLimits.Name) errors.Add("senderName", $"The sender's name can be at most {NewsletterLimits.Name} characters.");
        var senderEmail = MemberAccounts.NormalizeEmail(input.SenderEmail);
        if (senderEmail is null) errors.Add("senderEmail", "Give the address the newsletter is sent from, such as letters@yourdomain.example.");
        string? replyTo = null;
        if (!string.IsNullOrWhiteSpace(input.ReplyTo) && (replyTo = MemberAccounts.NormalizeEmail(input.ReplyTo)) is null)
            errors.Add("replyTo", "The reply-to address must be one email address, or left empty.");
        var sectionIds = input.SectionIds.Distinct().ToList();
        var known = await db.Sections.Where(s => sectionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (known.Count != sectionIds.Count) errors.Add("sections", "One of the chosen sections no longer exists; choose again.");
        if (name.Length > 0 && await db.Newsletters.AnyAsync(n => n.Name == name && n.Id != id && n.ArchivedAt == null, ct))
            errors.Add("name", $"There is already a newsletter called “{name}”.");
        if (errors.Any) return Result<Newsletter>.Invalid(errors);

        var now = time.UtcNow();
        Newsletter newsletter;
        if (id is { } existing)
        {
            var found = await db.Newsletters.Include(n => n.Sections).FirstOrDefaultAsync(n => n.Id == existing, ct);
            if (found is null) return Result<Newsletter>.NotFound("That newsletter does not exist.");
            newsletter = found;
        }
        else
        {
            newsletter = new Newsletter { CreatedAt = now };
            db.Newsletters.Add(newsletter);
        }
        newsletter.Name = name;
        newsletter.Description = description;
        newsletter.SenderName = senderName;
        newsletter.SenderEmail = senderEmail!;
        newsletter.ReplyTo = replyTo;
        newsletter.DefaultForNewMembers = input.DefaultForNewMembers;
        newsletter.Sections.RemoveAll(s => !sectionIds.Contains(s.SectionId));
        foreach (var sectionId in sectionIds.Where(s => newsletter.Sections.All(x => x.SectionId != s)))
            newsletter.Sections.Add(new NewsletterSection { SectionId = sectionId });
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, now, editor, id is null ? "created newsletter" : "changed newsletter", "newsletter", newsletter.Id, detail: name);
        await db.SaveChangesAsync(ct);
        return id is null ? Result<Newsletter>.Created(newsletter) : Result<Newsletter>.Ok(newsletter);
    }

    /// <summary>Archived newsletters are offered to nobody and sent to nobody; members' history of them stays.</summary>
    public async Task<Result<Newsletter>> ArchiveAsync(int id, Editor editor, CancellationToken ct)
    {
        if (!Permissions.CanManageNewsletters(editor.Role)) return Result<Newsletter>.Forbidden("Only admins define newsletters.");
        var newsletter = await db.Newsletters.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (newsletter is null) return Result<Newsletter>.NotFound("That newsletter does not exist.");
        newsletter.ArchivedAt ??= time.UtcNow();
        AuditTrail.Record(db, time.UtcNow(), editor, "archived newsletter", "newsletter", id, detail: newsletter.Name);
        await db.SaveChangesAsync(ct);
        return Result<Newsletter>.Ok(newsletter);
    }

    /// <summary>
    /// Queues a story to go out as a newsletter when it is live (now, if it already is). The caller has already checked
    /// that the editor may publish the story. A story goes out once per newsletter: asking again changes nothing.
    /// </summary>
    public async Task<Result<NewsletterSend>> RequestSendAsync(int articleId, int newsletterId, Editor editor, CancellationToken ct)
    {
        var newsletter = await db.Newsletters.FirstOrDefaultAsync(n => n.Id == newsletterId && n.ArchivedAt == null, ct);
        if (newsletter is null) return Result<NewsletterSend>.Invalid("newsletter", "Choose one of the newsletters to send the story as.");
        var existing = await db.NewsletterSends.FirstOrDefaultAsync(s => s.ArticleId == articleId && s.NewsletterId == newsletterId && s.State != SendState.Cancelled, ct);
        if (existing is not null) return Result<NewsletterSend>.Ok(existing);
        var now = time.UtcNow();
        var send = new NewsletterSend
        {
            ArticleId = articleId, NewsletterId = newsletterId, State = SendState.Waiting, RequestedAt = now,
            RequestedBy = editor.Name is { Length: > 0 } who ? who : "Masthead",
        };
        db.NewsletterSends.Add(send);
        AuditTrail.Record(db, now, editor, "asked to send as newsletter", "article", articleId, articleId, newsletter.Name);
        await db.SaveChangesAsync(ct);
        return Result<NewsletterSend>.Created(send);
    }
}
