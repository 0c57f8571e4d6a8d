using Masthead.Core.Articles;
using Masthead.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Web.PublicSite.Search;

public sealed record FilterChoice(string Value, string Label);

/// <summary>The choices the search form offers: every section (indented by depth), and the authors and topics with published stories.</summary>
public sealed record SearchFilterChoices(IReadOnlyList<FilterChoice> Sections, IReadOnlyList<FilterChoice> Authors, IReadOnlyList<FilterChoice> Tags);

public sealed class SearchFilterOptions(MastheadDbContext db)
{
    public async Task<SearchFilterChoices> GetAsync(SiteModel site, CancellationToken ct)
    {
        var sections = new List<FilterChoice>();
        foreach (var top in site.TopSections) AddSection(top, 0);

        var published = db.Articles.AsNoTracking().Published();
        var authors = await db.Authors.AsNoTracking()
            .Where(au => published.Any(a => a.Bylines.Any(b => b.AuthorId == au.Id)))
            .OrderBy(au => au.Name).Select(au => new FilterChoice(au.Slug, au.Name)).ToListAsync(ct);
        var tags = await db.Tags.AsNoTracking()
            .Where(t => published.Any(a => a.Tags.Any(x => x.TagId == t.Id)))
            .OrderBy(t => t.Name).Select(t => new FilterChoice(t.Slug, t.Name)).ToListAsync(ct);
        return new SearchFilterChoices(sections, authors, tags);

        void AddSection(SectionNode section, int depth)
        {
            // Options cannot hold markup; non-breaking spaces and a dash show the tree in any browser.
            sections.Add(new FilterChoice(section.Path, depth == 0 ? section.Name : new string('\u00A0', depth * 3) + "– " + section.Name));
            foreach (var child in section.Children) AddSection(child, depth + 1);
        }
    }
}
