namespace Masthead.Core.Curation;

/// <summary>
/// An editor's choice of a story for the top of the home page (<see cref="SectionId"/> null) or of a section's
/// page, in <see cref="Position"/> order: the first pin is that page's lead. Only published stories show; a pin on
/// a story not yet out waits for it.
/// </summary>
public sealed class Pin
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int? SectionId { get; set; }
    public int Position { get; set; }
    public DateTime PinnedAt { get; set; }
    public int? PinnedByUserId { get; set; }
}
