using Masthead.Core.Accounts;
using Masthead.Core.Activity;
using Masthead.Core.Body;
using Masthead.Core.Data;
using Masthead.Core.Revisions;

namespace Masthead.Core.Articles;

/// <summary>
/// What every write of a story's content does, whoever writes it (an editor's save through <see cref="SaveArticle"/>,
/// an import through <c>ImportWriter</c>): the body kept in its three forms, the old address kept once readers have
/// seen it, and a revision with its audit line. Defined once so the two writers cannot drift apart.
/// </summary>
public static class StoryRecord
{
    /// <summary>The body as written (Markdown), as readers get it (sanitised HTML) and as search reads it (plain text).</summary>
    /// <param name="stills">The stored stills of the videos the body embeds, for their cards (none: cards without).</param>
    public static void SetBody(Article article, string markdown, BodyRenderer renderer, IReadOnlyDictionary<string, EmbedPicture>? stills = null)
    {
        article.BodyMarkdown = markdown;
        article.BodyHtml = renderer.Render(markdown, stills ?? NoEmbedPictures.None);
        RefreshSearchText(article);
    }

    /// <summary>What search indexes follows both the body and who may read it (a members-only story: its teaser only).</summary>
    public static void RefreshSearchText(Article article) => article.BodyText = Teaser.SearchableText(article.BodyHtml, article.Access);

    /// <summary>A published story's old address keeps working (301 to the new one) after its slug changes.</summary>
    public static void KeepOldAddress(MastheadDbContext db, Article article, string oldSlug, DateTime now)
    {
        if (oldSlug != article.Slug && article.FirstPublishedAt is not null)
            db.ArticleRedirects.Add(new ArticleRedirect { OldSlug = oldSlug, ArticleId = article.Id, CreatedAt = now });
    }

    /// <summary>
    /// The story as it now stands (<paramref name="snapshot"/>) becomes a revision, and the action a line in the audit
    /// trail. A revision made by no signed-in person is signed "Masthead", or <paramref name="madeBy"/> (an import).
    /// </summary>
    public static void RecordRevision(MastheadDbContext db, Article article, ArticleSnapshot snapshot, Editor actor, DateTime now,
        string action, string? detail = null, string? madeBy = null)
    {
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Version = article.Version,
            At = now,
            UserId = actor.UserId > 0 ? actor.UserId : null,
            UserName = actor.UserId > 0 ? actor.Name : madeBy ?? "Masthead",
            Snapshot = snapshot.ToJson(),
        });
        AuditTrail.Record(db, now, actor, action, "article", article.Id, article.Id, detail ?? article.Headline);
    }
}
