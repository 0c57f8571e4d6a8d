using Masthead.Core.Common;
using Masthead.Core.Data;
using Masthead.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Body;

/// <summary>
/// Renders every stored story and page body afresh from its Markdown, for when a release changes the renderer or the
/// sanitiser: bodies saved before keep the old HTML otherwise. Only the stored HTML (and a story's plain text, for
/// search) changes; versions stay, so nobody's open editor goes stale, and the rows are written directly, so no
/// webhook announces an edit nobody made. One change notice then empties every node's page cache.
/// </summary>
public sealed class BodyRerender(MastheadDbContext db, BodyRenderer renderer, IContentChangeNotifier notifier, IEmbedPictures? embedPictures = null)
{
    private const int Batch = 200;

    /// <returns>How many stories and pages had HTML that differs from a fresh render (and now match it).</returns>
    public async Task<(int Articles, int Pages)> RunAsync(CancellationToken ct)
    {
        var articles = 0;
        for (var after = 0; ;)
        {
            var rows = await db.Articles.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(Batch)
                .Select(a => new { a.Id, a.BodyMarkdown, a.BodyHtml, a.Access }).ToListAsync(ct);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                var html = await RenderAsync(row.BodyMarkdown, ct);
                if (html == row.BodyHtml) continue;
                var text = Articles.Teaser.SearchableText(html, row.Access);
                await db.Articles.Where(a => a.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, html).SetProperty(a => a.BodyText, text), ct);
                articles++;
            }
            after = rows[^1].Id;
        }
        var pages = 0;
        foreach (var row in await db.Pages.AsNoTracking().Select(p => new { p.Id, p.BodyMarkdown, p.BodyHtml }).ToListAsync(ct))
        {
            var html = renderer.Render(row.BodyMarkdown);
            if (html == row.BodyHtml) continue;
            await db.Pages.Where(p => p.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.BodyHtml, html), ct);
            pages++;
        }
        // Live-blog entries are story text too; counted with the stories.
        foreach (var row in await db.LiveEntries.AsNoTracking().Select(e => new { e.Id, e.BodyMarkdown, e.BodyHtml }).ToListAsync(ct))
        {
            var html = await RenderAsync(row.BodyMarkdown, ct);
            if (html == row.BodyHtml) continue;
            var text = PlainText.FromHtml(html);
            await db.LiveEntries.Where(e => e.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.BodyHtml, html).SetProperty(e => e.BodyText, text), ct);
            articles++;
        }
        if (articles + pages > 0) await notifier.ContentChangedAsync(ct);
        return (articles, pages);
    }

    // Stills already stored go on their cards; none is fetched here, so a re-render never waits on another site.
    private async Task<string> RenderAsync(string markdown, CancellationToken ct) =>
        renderer.Render(markdown, embedPictures is null ? NoEmbedPictures.None : await embedPictures.ForBodyAsync(markdown, fetchMissing: false, ct));
}
