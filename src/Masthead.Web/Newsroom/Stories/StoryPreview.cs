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
        app.MapGet("/newsroom/stories/{id:int}/preview", async (int id, HttpContext http, SaveArticle articles, PublicQueries pages, SiteContext site,
            NewsroomSession session, CancellationToken ct) =>
        {
            var article = await articles.LoadForEditAsync(id, ct);
            if (article is null) return Results.NotFound();
            if (!session.Editor.MayEdit(article)) return Results.Forbid();
            return await RenderAsync(http, article.Id, pages, site, ct);
        }).RequireAuthorization(NewsroomRegistration.Policy).ExcludeFromDescription();

        app.MapGet("/preview/{token}", async (string token, HttpContext http, PublicQueries pages, SiteContext site, IDataProtectionProvider protection, CancellationToken ct) =>
        {
            var id = Read(protection, token);
            var answer = id is null ? null : await RenderAsync(http, id.Value, pages, site, ct);
            if (answer is not null) return answer;
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            return await PublicSiteEndpoints.NotFound(site);
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

    /// <summary>The story through the public page's own reads and template, with the preview banner; null when there is no such story.</summary>
    private static async Task<IResult?> RenderAsync(HttpContext http, int id, PublicQueries pages, SiteContext context, CancellationToken ct)
    {
        var site = await context.GetAsync();
        if (await pages.PreviewAsync(site, id, ct) is not { } model) return null;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return new ComponentPage<ArticlePage>(new { Site = site, Model = model, Preview = true });
    }
}
