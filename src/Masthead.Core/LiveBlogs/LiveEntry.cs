namespace Masthead.Core.LiveBlogs;

/// <summary>
/// One dated update on a live blog. It belongs to its story: readers see it exactly when they see the story, and a
/// change to it is a change to that story's page (see <see cref="Changes.ContentChangeRecorder"/>).
/// </summary>
public sealed class LiveEntry
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    /// <summary>The byline person of whoever posted it; null for a desk account without one, or once that person is deleted.</summary>
    public int? AuthorId { get; set; }
    public Authors.Author? Author { get; set; }
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Sanitised HTML rendered at save time, as for a story's body.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>The words without markup: key-event labels and structured-data snippets are cut from it.</summary>
    public string BodyText { get; set; } = "";
    /// <summary>A moment readers should be able to jump to; listed under "Key events".</summary>
    public bool IsKeyEvent { get; set; }
    public DateTime PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
