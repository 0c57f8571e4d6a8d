using Masthead.Core.Sections;

namespace Masthead.Core.Articles;

public sealed class Article
{
    public int Id { get; set; }
    public string Headline { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Standfirst { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Sanitized HTML rendered from <see cref="BodyMarkdown"/> at save time, so pages never render Markdown per request.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>The body's words without markup, kept beside <see cref="BodyHtml"/> for the search index and its snippets.</summary>
    public string BodyText { get; set; } = "";
    public HeroImage? HeroImage { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    /// <summary>Members-only stories show the public a teaser (<see cref="Teaser"/>); members read them in full.</summary>
    public StoryAccess Access { get; set; } = StoryAccess.Public;

    public ArticleStatus Status { get; private set; } = ArticleStatus.Draft;
    public DateTime? FirstPublishedAt { get; private set; }
    /// <summary>When readers were last told the story changed (set on publish and on update/correction notes).</summary>
    public DateTime? UpdatedAt { get; private set; }
    public DateTime? ScheduledFor { get; private set; }
    /// <summary>Not public before this instant, whoever tries to publish it and however it is scheduled.</summary>
    public DateTime? EmbargoUntil { get; set; }
    public int? LastEditedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Any change to the row; drives Last-Modified.</summary>
    public DateTime ModifiedAt { get; set; }
    /// <summary>Optimistic concurrency token, exposed as the API's ETag.</summary>
    public int Version { get; set; } = 1;
    public int? CreatedByUserId { get; set; }
    /// <summary>When the story became a live blog (its coverage began); null for an ordinary story.</summary>
    public DateTime? LiveStartedAt { get; private set; }
    /// <summary>When live coverage ended; the entries stay, but readers' pages stop asking for new ones.</summary>
    public DateTime? LiveEndedAt { get; private set; }

    public int PrimarySectionId { get; set; }
    public Section PrimarySection { get; set; } = null!;
    public List<ArticleSection> SecondarySections { get; set; } = [];
    public List<Byline> Bylines { get; set; } = [];
    public List<Credit> Credits { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
    public List<ArticleNote> Notes { get; set; } = [];
    /// <summary>Edits not yet live, for a story that holds reviewed text; null when there are none.</summary>
    public PendingChange? Pending { get; set; }

    public bool IsPublic => Status == ArticleStatus.Published;

    public bool IsLiveBlog => LiveStartedAt is not null;

    public bool IsLive => IsLiveBlog && LiveEndedAt is null;

    /// <summary>Makes the story a live blog, or resumes coverage that was ended (the original start stays).</summary>
    public void StartLive(DateTime now)
    {
        LiveStartedAt ??= now;
        LiveEndedAt = null;
        Touch(now);
    }

    public void EndLive(DateTime now)
    {
        LiveEndedAt = now;
        Touch(now);
    }

    /// <summary>
    /// Readers see this text, or an editor approved it to go out: edits made without the right to publish, and
    /// every autosave, go to the working copy (<see cref="Pending"/>) instead of the story itself.
    /// </summary>
    public bool HoldsReviewedText => Status is ArticleStatus.Published or ArticleStatus.Approved or ArticleStatus.Scheduled;

    public void Publish(DateTime now, DateTime? backdatedTo = null)
    {
        Status = ArticleStatus.Published;
        ScheduledFor = null;
        FirstPublishedAt ??= backdatedTo ?? now;
        UpdatedAt ??= FirstPublishedAt;
        Touch(now);
    }

    public void Schedule(DateTime at, DateTime now)
    {
        Status = ArticleStatus.Scheduled;
        ScheduledFor = at;
        Touch(now);
    }

    public void Unpublish(DateTime now)
    {
        Status = ArticleStatus.Unpublished;
        ScheduledFor = null;
        Touch(now);
    }

    public void SubmitForReview(DateTime now)
    {
        Status = ArticleStatus.InReview;
        Touch(now);
    }

    public void RequestChanges(DateTime now)
    {
        Status = ArticleStatus.ChangesRequested;
        ScheduledFor = null;
        Touch(now);
    }

    public void Approve(DateTime now)
    {
        Status = ArticleStatus.Approved;
        Touch(now);
    }

    public bool IsEmbargoedAt(DateTime now) => EmbargoUntil is { } until && until > now;

    public void ReturnToDraft(DateTime now)
    {
        Status = ArticleStatus.Draft;
        ScheduledFor = null;
        Touch(now);
    }

    public ArticleNote AddNote(ArticleNoteKind kind, string text, DateTime at)
    {
        var note = new ArticleNote { Kind = kind, Text = text, At = at };
        Notes.Add(note);
        if (IsPublic && (UpdatedAt is null || at > UpdatedAt)) UpdatedAt = at;
        Touch(at);
        return note;
    }

    /// <summary>Records that readers were told of a change at <paramref name="at"/> (an update without a note).</summary>
    public void MarkUpdated(DateTime at)
    {
        if (UpdatedAt is null || at > UpdatedAt) UpdatedAt = at;
    }

    public void Touch(DateTime now)
    {
        ModifiedAt = now;
        Version++;
    }
}

/// <summary>
/// The picture at the top of a story: a picture from the media library (<see cref="MediaId"/>), or an
/// external or imported image known only by its URL. Alt, caption and credit belong to the story, so one
/// library picture can be described differently in two stories.
/// </summary>
public sealed class HeroImage
{
    /// <summary>For a library picture, its default file (kept for feeds and API clients); otherwise the image's own URL.</summary>
    public string Url { get; set; } = "";
    public int? MediaId { get; set; }
    public Media.MediaItem? Media { get; set; }
    public string Alt { get; set; } = "";
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
}

/// <summary>Another section the article appears in, besides its primary one.</summary>
public sealed class ArticleSection
{
    public int ArticleId { get; set; }
    public int SectionId { get; set; }
    public Section Section { get; set; } = null!;
}

public sealed class ArticleTag
{
    public int ArticleId { get; set; }
    public int TagId { get; set; }
    public Tags.Tag Tag { get; set; } = null!;
}

public sealed class Byline
{
    public int ArticleId { get; set; }
    public int AuthorId { get; set; }
    public int Position { get; set; }
    public Authors.Author Author { get; set; } = null!;
}

/// <summary>A typed credit ("Pictures: Northlight Studios"); the name need not be an author.</summary>
public sealed class Credit
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public string Role { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Who the name is, so structured data calls them a Person or an Organization.</summary>
    public CreditKind Kind { get; set; } = CreditKind.Person;
    public int? AuthorId { get; set; }
    public Authors.Author? Author { get; set; }
}

public enum ArticleNoteKind
{
    Update,
    Correction,
}

public sealed class ArticleNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public ArticleNoteKind Kind { get; set; }
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>A slug an article used to answer to; requests for it are redirected with a 301.</summary>
public sealed class ArticleRedirect
{
    public int Id { get; set; }
    public string OldSlug { get; set; } = "";
    public int ArticleId { get; set; }
    public DateTime CreatedAt { get; set; }
}
