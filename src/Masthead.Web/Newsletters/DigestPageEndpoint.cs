using Masthead.Core.Data;
using Masthead.Core.Newsletters;
using Masthead.Web.PublicSite;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.Newsletters;

/// <summary>
/// <c>GET /newsletters/digests/{id}</c>: a digest's view-in-browser page, linked from the top of every copy. It shows
/// what the email shows (the introduction, each story's headline, standfirst and picture) in the site's own page, and
/// only once the digest has started to go out: a scheduled one is nobody's to read yet. The same for every reader, so
/// it says nothing about who follows the link. Outside the page cache (a story taken down drops out at once).
/// </summary>
public static class DigestPageEndpoint
{
    public static string PathFor(int digestId) => $"/newsletters/digests/{digestId}";

    public static WebApplication MapDigestPage(this WebApplication app)
    {
        app.MapGet("/newsletters/digests/{id:int}", ShowAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(int id, MastheadDbContext db, SiteContext context, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "public, no-cache";
        var newsletter = await db.NewsletterSends.AsNoTracking()
            .Where(s => s.DigestId == id && (s.State == SendState.Sending || s.State == SendState.Sent))
            .Join(db.Newsletters, s => s.NewsletterId, n => n.Id, (s, n) => n.Name).FirstOrDefaultAsync(ct);
        var digest = newsletter is null ? null : await DigestContents.LoadAsync(db, id, ct);
        if (digest is null) return await PublicSiteEndpoints.NotFound(context);
        var site = await context.GetAsync();
        return new ComponentPage<PublicSite.Pages.DigestPage>(new { Site = site, Digest = digest, Newsletter = newsletter! });
    }
}
