using System.Globalization;
using System.Text.Json;
using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Articles;
using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Revisions;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// The story editor. Every button posts the whole form, so what was typed is saved before any workflow
/// step; a save against a version someone else has moved on from shows both versions side by side instead
/// of overwriting theirs.
/// </summary>
public sealed class EditModel(MastheadDbContext db, SaveArticle save, ArticleWorkflow workflow, NewsroomSession session, SiteContext site,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, TimeProvider time, Masthead.Core.Newsletters.NewsletterDesk newsletters) : PageModel
{
    /// <summary>Send the story as a newsletter when it goes live (with Publish now or Schedule).</summary>
    [BindProperty] public bool SendAsEmail { get; set; }
    [BindProperty] public int? NewsletterId { get; set; }

    /// <summary>Newsletters the story may go out as; those its sections feed are offered first.</summary>
    public IReadOnlyList<(int Id, string Name, bool Fed)> Newsletters { get; private set; } = [];

    /// <summary>This story's newsletter sends: waiting for it to go live, going out, done.</summary>
    public IReadOnlyList<(string Newsletter, Masthead.Core.Newsletters.SendState State, int Total, int Sent, int Failed)> Sends { get; private set; } = [];

    [BindProperty] public StoryForm Form { get; set; } = new();
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? ScheduleAt { get; set; }
    [BindProperty] public string? EmbargoAt { get; set; }
    [BindProperty] public ArticleNoteKind NoteKind { get; set; }
    [BindProperty] public string? NoteText { get; set; }

    public Article? Story { get; private set; }
    public bool IsNew => Story is null;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Notice { get; private set; }
    public Conflict? Clash { get; private set; }
    public IReadOnlyList<(string Path, string Name, int Depth)> Sections { get; private set; } = [];
    public IReadOnlyList<(string Slug, string Name)> Authors { get; private set; } = [];
    public IReadOnlyList<AuditEvent> Activity { get; private set; } = [];
    public IDictionary<string, string[]> Gate { get; private set; } = new Dictionary<string, string[]>();
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    /// <summary>The publication's name and host, for the search-result and social-card previews.</summary>
    public string SiteName { get; private set; } = "";
    public string SiteHost { get; private set; } = "";
    public Editor Me => session.Editor;

    /// <summary>Someone saved the story after this person loaded it: their values for each field that differs.</summary>
    public sealed record Conflict(string By, DateTime At, int Version, IReadOnlyList<(string Field, string Theirs, string Mine)> Fields);

    /// <summary>What the working copy changes, field by field and in the body, against the live (or approved) story.</summary>
    public (IReadOnlyList<RevisionDiff.Field> Fields, IReadOnlyList<RevisionDiff.Line> Body)? PendingDiff
    {
        get
        {
            if (Story?.Pending is not { } pending) return null;
            var live = Masthead.Core.Revisions.ArticleSnapshot.Of(Story);
            var working = pending.Content;
            return (RevisionDiff.Fields(live, working).Where(f => f.Changed).ToList(),
                live.Body == working.Body ? [] : RevisionDiff.Body(live.Body, working.Body));
        }
    }

    /// <summary>The editor's comment, while the story (or its pending changes) is back with its writer.</summary>
    public Masthead.Core.Activity.AuditEvent? SentBack =>
        Story is { } s && (s.Status == ArticleStatus.ChangesRequested || s.Pending?.State == PendingState.ChangesRequested)
            ? Activity.FirstOrDefault(e => e.Action == ReviewComments.Action)
            : null;

    /// <summary>A share link just made, shown once on the page.</summary>
    public string? ShareLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? saved, string? share, CancellationToken ct)
    {
        if (share is not null && share.StartsWith("/preview/", StringComparison.Ordinal)) ShareLink = $"{Request.Scheme}://{Request.Host}{share}";
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Story is not null && !Me.MayEdit(Story)) return Forbid();
        Form = Story is null ? NewForm() : StoryForm.From(Story);
        Notice = saved;
        Form.WithSpareRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? action, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Story is not null && !Me.MayEdit(Story)) return Forbid();

        // A copy is made of the story as stored, and the form is not saved first: on a live story that could publish
        // half-finished edits as a side effect of asking for a copy.
        if (action == "duplicate" && Story is not null)
        {
            var copy = await save.DuplicateAsync(Story.Id, Me, ct);
            if (copy.Value is { } created)
                return Redirect($"/newsroom/stories/{created.Id}?saved={Uri.EscapeDataString($"This is a new draft copied from “{Story.Headline}”, which is unchanged.")}");
            Form = StoryForm.From(Story);
            Form.WithSpareRows();
            Errors = copy.Errors?.ToDictionary() ?? new Dictionary<string, string[]> { ["action"] = [copy.Message ?? "The copy could not be made."] };
            Response.StatusCode = copy.Outcome == Outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return Page();
        }

        // An editor reviewing pending changes edits them in place before approving or sending them back.
        var reviewing = action is "approve" or "request-changes" && Story?.Pending?.State == PendingState.InReview;
        var (saved, changed) = await SaveAsync(reviewing ? EditMode.WorkingCopyOnly : EditMode.FromWorkingCopy, ct);
        if (saved is null) return Redisplay();
        var message = !changed ? "No changes to save."
            : saved.Pending is not null && SaveArticle.GoesToWorkingCopy(saved, Me, EditMode.FromWorkingCopy)
                ? "Saved as pending changes: readers still see the live version."
            : saved.IsPublic ? "Updated: readers now see this version." : "Saved.";

        if (action == "share")
        {
            var link = StoryPreview.CreateShareLink(protection, saved.Id, time.GetUtcNow());
            return Redirect($"/newsroom/stories/{saved.Id}?saved={Uri.EscapeDataString(message)}&share={Uri.EscapeDataString(link)}");
        }
        var emailing = SendAsEmail && action is "publish" or "schedule";
        if (emailing && (NewsletterId is not { } chosen || Newsletters.All(n => n.Id != chosen)))
        {
            // Checked before publishing, so a story never goes live without the email that was asked for.
            await LoadAsync(saved.Id.ToString(CultureInfo.InvariantCulture), ct);
            Form = StoryForm.From(Story!);
            Errors = new Dictionary<string, string[]> { ["newsletter"] = ["Choose the newsletter to send the story as, or untick “Send as an email”."] };
            Notice = changed ? "Your changes are saved, but:" : null;
            return Redisplay();
        }
        if (action is not null and not "save")
        {
            var result = await RunAsync(action, saved, ct);
            if (result.Outcome is not (Outcome.Ok or Outcome.Created))
            {
                await LoadAsync(saved.Id.ToString(CultureInfo.InvariantCulture), ct);
                Form = StoryForm.From(Story!);
                Form.WithSpareRows();
                Errors = result.Errors?.ToDictionary() ?? new Dictionary<string, string[]> { ["action"] = [result.Message ?? "That did not work."] };
                Notice = changed ? "Your changes are saved, but:" : null;
                Response.StatusCode = result.Outcome == Outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
                return Page();
            }
            message = Done(action, saved.HoldsReviewedText);
            if (emailing && (await newsletters.RequestSendAsync(saved.Id, NewsletterId!.Value, Me, ct)).Value is not null)
                message += action == "publish" ? " It is being sent as an email." : " It will be sent as an email when it goes live.";
        }
        return Redirect($"/newsroom/stories/{saved.Id}?saved={Uri.EscapeDataString(message)}");
    }

    /// <summary>The editor script's autosave: the same save, answered in JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Story is not null && !Me.MayEdit(Story)) return StatusCode(StatusCodes.Status403Forbidden);
        // Autosave only ever writes the working copy of a story readers see (or an editor approved).
        var (saved, _) = await SaveAsync(EditMode.WorkingCopyOnly, ct);
        if (Clash is { } clash)
            return new JsonResult(new { conflict = true, clash.By, at = clash.At, clash.Version, fields = clash.Fields.Select(f => new { f.Field, f.Theirs, f.Mine }) })
            { StatusCode = StatusCodes.Status409Conflict };
        if (saved is null) return new JsonResult(new { errors = Errors }) { StatusCode = StatusCodes.Status400BadRequest };
        var pending = saved.Pending;
        var form = StoryForm.From(saved);
        return new JsonResult(new
        {
            id = saved.Id, version = saved.Version, pendingVersion = pending?.Version ?? 0, pending = pending is not null,
            savedAt = pending?.SavedAt ?? saved.ModifiedAt, words = WordCounter.Count(form.Body),
        });
    }

    private async Task<(Article? Saved, bool Changed)> SaveAsync(EditMode mode, CancellationToken ct)
    {
        var input = Form.ToInput();
        if (Story is null)
        {
            var created = await save.CreateAsync(input, Me, ct);
            if (created.Value is null) { Errors = created.Errors!.ToDictionary(); return (null, false); }
            return (created.Value, true);
        }
        if (Json(StoryForm.From(Story).ToInput()) == Json(input)) return (Story, false);

        // The form was loaded from the working copy when there is one: someone else saving that is a clash too.
        var checksWorkingCopy = SaveArticle.GoesToWorkingCopy(Story, Me, mode) || Story.Pending is not null;
        if (Form.Version != Story.Version || (checksWorkingCopy && Form.PendingVersion != (Story.Pending?.Version ?? 0)))
        {
            Clash = await ConflictAsync(Story, Form, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return (null, false);
        }
        db.ChangeTracker.Clear();
        var updated = await save.UpdateAsync(Story.Id, input, Form.Version, Me, ct, mode, Form.PendingVersion);
        if (updated.Outcome == Outcome.Stale)
        {
            await LoadAsync(Story.Id.ToString(CultureInfo.InvariantCulture), ct);
            Clash = await ConflictAsync(Story!, Form, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return (null, false);
        }
        if (updated.Value is null)
        {
            Errors = updated.Errors?.ToDictionary() ?? new Dictionary<string, string[]> { ["form"] = [updated.Message ?? "Could not save."] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return (null, false);
        }
        return (updated.Value, true);
    }

    private Task<Result<Article>> RunAsync(string action, Article story, CancellationToken ct)
    {
        var id = story.Id;
        var version = story.Version;
        return action switch
        {
            "submit" => workflow.SubmitForReviewAsync(id, version, Me, ct),
            "approve" => workflow.ApproveAsync(id, Comment, version, Me, ct),
            "request-changes" => workflow.RequestChangesAsync(id, Comment, version, Me, ct),
            "publish" => workflow.PublishAsync(id, version, Me, ct),
            "schedule" => ToUtc(ScheduleAt) is { } at
                ? workflow.ScheduleAsync(id, at, version, Me, ct)
                : Task.FromResult(Result<Article>.Invalid("publishAt", "Write the date and time to publish at, year first on a 24-hour clock: for example 2026-12-24 18:30.")),
            "unpublish" => workflow.UnpublishAsync(id, version, Me, ct),
            "embargo" => ToUtc(EmbargoAt) is { } until
                ? workflow.SetEmbargoAsync(id, until, version, Me, ct)
                : Task.FromResult(Result<Article>.Invalid("embargoUntil", "Write the date and time the embargo ends, year first on a 24-hour clock: for example 2026-12-24 18:30.")),
            "lift-embargo" => workflow.SetEmbargoAsync(id, null, version, Me, ct),
            "discard-pending" => workflow.DiscardPendingAsync(id, Me, ct),
            "note" => workflow.AddNoteAsync(id, NoteKind, NoteText, version, Me, ct),
            _ => Task.FromResult(Result<Article>.Invalid("action", $"Unknown action \"{action}\".")),
        };
    }

    private static string Done(string action, bool reviewedText) => action switch
    {
        "submit" => reviewedText ? "Your changes are sent for review; readers still see the live version." : "Sent for review.",
        "approve" => reviewedText ? "Changes approved and applied." : "Approved.",
        "discard-pending" => "Pending changes discarded: the story is as it was.",
        "request-changes" => "Sent back to the writer with your comment.",
        "publish" => "Published.",
        "schedule" => "Scheduled.",
        "unpublish" => "Unpublished: its address now answers “gone”.",
        "embargo" => "Embargo set.",
        "lift-embargo" => "Embargo lifted.",
        "note" => "Note added; readers see it on the story.",
        _ => "Done.",
    };

    /// <summary>
    /// The forms' dates and times are typed year first on a 24-hour clock ("2026-12-24 18:30"), whatever the browser's
    /// language: a picker would show a London newsroom mm/dd and AM/PM. Nothing looser is read, so "07/12" can never
    /// become July. The browser picker's own form ("2026-12-24T18:30") is accepted too.
    /// </summary>
    public static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    private DateTime? ToUtc(string? local)
    {
        if (!DateTime.TryParseExact(local?.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), Zone);
    }

    public string ToLocalInput(DateTime? utc) => utc is { } u
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public string Local(DateTime utc) => StoryStatus.Local(utc, Zone);

    private async Task<Conflict> ConflictAsync(Article theirs, StoryForm mine, CancellationToken ct)
    {
        var by = theirs.Pending is { } p ? p.SavedByName
            : theirs.LastEditedByUserId is { } u ? await db.Users.Where(x => x.Id == u).Select(x => x.DisplayName).FirstOrDefaultAsync(ct) : null;
        var a = StoryForm.From(theirs).ToInput();
        var b = mine.ToInput();
        var fields = ArticleSnapshot.Of(a).Fields().Zip(ArticleSnapshot.Of(b with { Slug = b.Slug ?? a.Slug, Access = b.Access ?? a.Access }).Fields())
            .Where(f => f.First.Text != f.Second.Text).Select(f => (f.First.Name, f.First.Text, f.Second.Text)).ToList();
        // From here on the form carries their version number: saving again is a deliberate choice to keep these values.
        mine.Version = theirs.Version;
        mine.PendingVersion = theirs.Pending?.Version ?? 0;
        return new Conflict(by ?? "Someone", theirs.Pending?.SavedAt ?? theirs.ModifiedAt, theirs.Version, fields);
    }

    private static string Json(ArticleInput input) => JsonSerializer.Serialize(input);

    private StoryForm NewForm() => new()
    {
        Bylines = Me.AuthorSlug is { } slug ? [slug] : [],
        Section = Sections.FirstOrDefault().Path,
    };

    private IActionResult Redisplay()
    {
        Form.WithSpareRows();
        if (Response.StatusCode == StatusCodes.Status200OK) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var model = await site.GetAsync();
        Zone = model.TimeZone;
        Sections = model.SectionChoices();
        SiteName = model.Name;
        SiteHost = Uri.TryCreate(model.BaseUrl, UriKind.Absolute, out var baseUrl) ? baseUrl.Host : model.BaseUrl;
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new ValueTuple<string, string>(a.Slug, a.Name)).ToListAsync(ct);
        if (id == "new") { Story = null; return true; }
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var articleId)) return false;
        db.ChangeTracker.Clear();
        Story = await save.LoadForEditAsync(articleId, ct);
        if (Story is null) return false;
        Gate = PublishGate.Check(Story).ToDictionary();
        Activity = await db.AuditEvents.AsNoTracking().Where(e => e.ArticleId == articleId).OrderByDescending(e => e.Id).Take(30).ToListAsync(ct);
        var sections = Story.SecondarySections.Select(s => s.SectionId).Append(Story.PrimarySectionId).ToList();
        Newsletters = (await db.Newsletters.AsNoTracking().Where(n => n.ArchivedAt == null)
                .Select(n => new { n.Id, n.Name, Fed = n.Sections.Any(s => sections.Contains(s.SectionId)) }).ToListAsync(ct))
            .OrderByDescending(n => n.Fed).ThenBy(n => n.Name).Select(n => (n.Id, n.Name, n.Fed)).ToList();
        Sends = (await db.NewsletterSends.AsNoTracking().Where(x => x.ArticleId == articleId).OrderBy(x => x.Id)
                .Join(db.Newsletters, x => x.NewsletterId, n => n.Id, (x, n) => new { n.Name, x.State, x.Total, x.SentCount, x.FailedCount }).ToListAsync(ct))
            .Select(x => (x.Name, x.State, x.Total, x.SentCount, x.FailedCount)).ToList();
        return true;
    }
}
