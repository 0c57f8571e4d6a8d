using System.Security.Cryptography;
using Masthead.Core.Data;
using Masthead.Core.Pages;
using Masthead.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Web.PublicSite;

/// <summary>Holds the <see cref="SiteModel"/> in memory; rebuilt on the first request after a content change.</summary>
public sealed class SiteContext(IServiceScopeFactory scopes, IOptions<MastheadOptions> options, IWebHostEnvironment environment)
{
    private Task<SiteModel>? _current;
    private readonly Lock _gate = new();
    private readonly Lazy<string> _assetVersion = new(() => HashAssets(environment));

    // Starting a load and forgetting it are one step each under the lock: a load begun before an invalidation can
    // never be remembered after it (a stale navigation kept until the next change, seen once in the cluster test).
    public Task<SiteModel> GetAsync()
    {
        // Every request asks: the held model is read without the lock, which only guards starting and forgetting.
        if (Volatile.Read(ref _current) is { } held) return held;
        lock (_gate) return _current ??= LoadAsync();
    }

    public void Invalidate()
    {
        lock (_gate) Volatile.Write(ref _current, null);
    }

    private async Task<SiteModel> LoadAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDbContext>();
            var publication = await db.Publication.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync() ?? new();
            var sections = await db.Sections.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new SectionNode(s.Id, s.Name, s.Path, s.Description, s.ParentId, s.SortOrder, s.ModifiedAt)).ToListAsync();
            var byId = sections.ToDictionary(s => s.Id);
            foreach (var s in sections)
                if (s.ParentId is { } p && byId.TryGetValue(p, out var parent)) parent.Children.Add(s);
            var top = sections.Where(s => s.ParentId is null).ToList();

            var pages = await db.Pages.AsNoTracking().Where(p => p.Placement != NavigationPlacement.None)
                .OrderBy(p => p.SortOrder).Select(p => new { p.Title, p.Slug, p.Placement }).ToListAsync();
            var configured = await db.Navigation.AsNoTracking().OrderBy(n => n.SortOrder).Select(n => new NavLink(n.Label, n.Url)).ToListAsync();
            var navigation = configured.Count > 0 ? configured : top.Select(s => new NavLink(s.Name, s.Url)).ToList();
            navigation.AddRange(pages.Where(p => p.Placement == NavigationPlacement.Primary).Select(p => new NavLink(p.Title, "/" + p.Slug)));
            var footer = pages.Where(p => p.Placement == NavigationPlacement.Footer).Select(p => new NavLink(p.Title, "/" + p.Slug)).ToList();

            var settings = options.Value;
            var zone = FindZone(settings.TimeZone ?? publication.TimeZone);
            return new SiteModel(publication.Name, publication.Tagline, publication.Language, zone, settings.BaseUrl.TrimEnd('/'),
                publication.LogoUrl, navigation, footer, sections.ToDictionary(s => s.Path), byId, top, _assetVersion.Value,
                publication.ModifiedAt, publication.FeedContent, SiteTheme.From(publication), publication.DefaultSocialImageUrl,
                publication.MailTracking);
        }
        catch
        {
            Invalidate(); // a failed load must not be remembered
            throw;
        }
    }

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string HashAssets(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("assets/site.css");
        if (!file.Exists) return "0";
        using var stream = file.CreateReadStream();
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
