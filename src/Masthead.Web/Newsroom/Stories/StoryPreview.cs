using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Web.PublicSite;
using Masthead.Web.PublicSite.Pages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masthead.Web.Newsroom.Stories;

/// <summary>
/// A draft rendered by the public article template, exactly as readers will see it: for its editors at
/// /newsroom/stories/{id}/preview, and for people without an account through a signed link that expires.
/// Both answer with noindex and no-store, and never enter the public page cache.
/// </summary>
public static class StoryPreview
{
    public static readonly TimeSpan ShareLifetime = TimeSpan.FromDays(3);
    private const string Purpose = "Masthead.StoryPreview.v1";

    public static WebApplication MapStoryPreview(this WebApplication app)
    {
        app.MapGet("/newsroom/stories/{id:int}/preview", async (int id, HttpContext http, SaveArticle articles, SiteContext site, NewsroomSession session, CancellationToken ct) =>
        {
            var article = await articles.LoadForEditAsync(id, ct);
            if (article is null) return Results.NotFound();
            if (!session.Editor.MayEdit(article)) return Results.Forbid();
            return await RenderAsync(http, article, site);
        }).RequireAuthorization(NewsroomRegistration.Policy).ExcludeFromDescription();

        app.MapGet("/preview/{token}", async (string token, HttpContext http, SaveArticle articles, SiteContext site, IDataProtectionProvider protection, CancellationToken ct) =>
        {
            var id = Read(protection, token);
            var article = id is null ? null : await articles.LoadForEditAsync(id.Value, ct);
            if (article is null)
            {
                http.Response.Headers["X-Robots-Tag"] = "noindex";
                return await PublicSiteEndpoints.NotFound(site);
            }
            return await RenderAsync(http, article, site);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>A link anyone can open until it expires; it shows the story as it is when they open it.</summary>
    public static string CreateShareLink(IDataProtectionProvider protection, int articleId, DateTimeOffset now) =>
        "/preview/" + protection.CreateProtector(Purpose).ToTimeLimitedDataProtector()
            .Protect(articleId.ToString(CultureInfo.InvariantCulture), now + ShareLifetime);

    private static int? Read(IDataProtectionProvider protection, string token)
    {
        try
        {
            var text = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(token, out _);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // tampered with, from another installation, or expired
        }
    }

    private static async Task<IResult> RenderAsync(HttpContext http, Article a, SiteContext context)
    {
        var site = await context.GetAsync();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var section = site.SectionsById.GetValueOrDefault(a.PrimarySectionId) ?? site.TopSections.First();
        var hero = a.HeroImage is { } h ? new ImageModel(h.Url, h.Alt, h.Width, h.Height, h.Caption, h.Credit) : null;
        var model = new ArticlePageModel(
            a.Id, a.Headline, a.Slug, a.Standfirst, a.BodyHtml, section,
            a.Bylines.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Name, b.Author.Slug)).ToList(),
            a.Credits.OrderBy(c => c.Position).Select(c => new CreditLine(c.Role, c.Name, c.Author?.Slug)).ToList(),
            a.Tags.Select(t => new TagLink(t.Tag.Name, t.Tag.Slug)).OrderBy(t => t.Name).ToList(),
            a.Notes.OrderBy(n => n.At).Select(n => new NoteModel(n.Kind, n.Text, n.At)).ToList(),
            hero, a.SeoTitle, a.SeoDescription, a.FirstPublishedAt ?? a.ScheduledFor ?? a.ModifiedAt, a.UpdatedAt, a.ModifiedAt, []);
        return new RazorComponentResult<ArticlePage>(new { Site = site, Model = model, Preview = true }) { ContentType = "text/html; charset=utf-8" };
    }
}
