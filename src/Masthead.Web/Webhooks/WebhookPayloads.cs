using System.Text.Json;
using Masthead.Core.Data;
using Masthead.Core.Webhooks;
using Masthead.Web.ContentApi;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.Webhooks;

/// <summary>
/// The JSON body of an event: <c>id</c>, <c>type</c>, <c>occurredAt</c> and <c>data</c>. Article events carry the article
/// exactly as the Content API shows it, with every include, read right after the change is saved. A story that is not
/// public then — always so for unpublished and deleted — is sent as
/// its id alone: a webhook never carries more than readers can see. Built on the caller's database context, so it
/// reads the change even inside a transaction that has not committed yet.
/// </summary>
public sealed class WebhookPayloads(SiteContext siteContext, IOptions<JsonOptions> json) : IWebhookPayloads
{
    public sealed record Envelope(Guid Id, string Type, DateTime OccurredAt, object Data);

    public sealed record ArticleData(int ArticleId, ContentArticle? Article);
    public sealed record SectionData(int? SectionId, ContentSection? Section);
    public sealed record AuthorData(int? AuthorId, ContentAuthor? Author);
    /// <summary>A live entry's event: the entry as the Content API shows it, or null once deleted (or no longer public).</summary>
    public sealed record LiveEntryData(int EntryId, int? ArticleId, ContentLiveEntry? Entry);
    public sealed record TestData(int SubscriptionId, string Message);

    public async Task<string> BuildAsync(MastheadDbContext db, WebhookEvent ev, CancellationToken ct, int? articleId = null)
    {
        var site = await siteContext.GetAsync();
        // Webhooks go to the publisher's own systems: members-only stories go whole (with their access, to tell them apart).
        var content = new ContentQueries(db, new PageTags()) { MembersText = true };
        object data = ev.Type switch
        {
            WebhookEventTypes.ArticlePublished or WebhookEventTypes.ArticleUpdated when ev.SubjectId is { } id =>
                new ArticleData(id, await content.ArticleAsync(site, id, null, ArticleShape.Everything, ct)),
            WebhookEventTypes.ArticlePublished or WebhookEventTypes.ArticleUpdated or WebhookEventTypes.ArticleUnpublished or WebhookEventTypes.ArticleDeleted =>
                new ArticleData(ev.SubjectId ?? 0, null),
            WebhookEventTypes.SectionChanged => new SectionData(ev.SubjectId, await SectionAsync(db, site, ev.SubjectId, ct)),
            WebhookEventTypes.AuthorChanged => new AuthorData(ev.SubjectId, ev.SubjectId is { } authorId
                ? (await content.AuthorsAsync(site, null, ct)).FirstOrDefault(a => a.Id == authorId) : null),
            WebhookEventTypes.LiveEntryCreated or WebhookEventTypes.LiveEntryUpdated when ev.SubjectId is { } entryId &&
                await content.EntryAsync(site, entryId, ct) is { } entry => new LiveEntryData(entryId, entry.ArticleId, entry),
            WebhookEventTypes.LiveEntryCreated or WebhookEventTypes.LiveEntryUpdated or WebhookEventTypes.LiveEntryDeleted =>
                new LiveEntryData(ev.SubjectId ?? 0, articleId, null),
            _ => new TestData(ev.SubjectId ?? 0, "A test delivery from Masthead's newsroom. If you can read this, the address works."),
        };
        return JsonSerializer.Serialize(new Envelope(ev.EventId, ev.Type, ev.OccurredAt, data), json.Value.SerializerOptions);
    }

    /// <summary>Read from the database, not the in-memory site model, which may not have caught up with the change yet.</summary>
    private static async Task<ContentSection?> SectionAsync(MastheadDbContext db, SiteModel site, int? id, CancellationToken ct)
    {
        if (id is null) return null;
        var s = await db.Sections.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Id, x.Name, x.Path, x.ParentId, x.Description }).FirstOrDefaultAsync(ct);
        return s is null ? null : new ContentSection(s.Id, s.Name, s.Path, s.ParentId, s.Description, site.AbsoluteUrl("/" + s.Path));
    }
}
