using System.Text.Json;
using Masthead.Core.Curation;
using static Masthead.Web.PublicSite.StoryCardRows;

namespace Masthead.Web.PublicSite;

/// <summary>
/// The listing pages' reads (home, section, tag and author pages) as fixed SQL on prepared statements, as the
/// article page's are (<see cref="ArticlePageReads"/>). Through EF Core, which builds and prepares every statement
/// afresh, an uncached home page spent most of its time compiling its dozen-odd statements.
/// A list statement binds @p0 the name separator, @p1 how many, @p2 how many to skip, @p3… the ids to leave out
/// (<see cref="ExcludedSlots"/>, unused ones 0), then the section, tag or author id.
/// </summary>
public sealed class ListingReads(PreparedReads reads)
{
    /// <summary>
    /// Ids a list statement leaves out itself: a page's pins, which lead it and are not repeated below, and on the home
    /// page the stories shown higher up that are in the row's own section. Few, because each slot costs every execution
    /// (the provider binds parameters by name, and SQLite builds the list anew); stories beyond them, or shown higher up
    /// from elsewhere but also in this section, are skipped as they come back.
    /// </summary>
    public const int ExcludedSlots = FrontPagePins.MaxPerPage + 2;

    private const int FirstExcluded = 3;
    private static readonly string ListKey = "@p" + (FirstExcluded + ExcludedSlots);
    private static readonly string ExcludedList = string.Join(", ", Enumerable.Range(FirstExcluded, ExcludedSlots).Select(i => "@p" + i));

    private enum Filter { Latest, InSection, WithTag, ByAuthor }

    // A section and its sub-sections at any depth, from the section id bound to key.
    private static string Prefix(Filter filter, string key) => filter == Filter.InSection
        ? $"""WITH RECURSIVE "Tree"("Id") AS (SELECT {key} UNION ALL SELECT s."Id" FROM "Sections" s JOIN "Tree" t ON s."ParentId" = t."Id") """
        : "";

    // The same meaning as ArticleFilters.InSections: the story's own section or one it also appears in.
    private static string Where(Filter filter, string key) => filter switch
    {
        Filter.InSection => """
            AND (a."PrimarySectionId" IN (SELECT "Id" FROM "Tree")
                 OR EXISTS (SELECT 1 FROM "ArticleSection" x WHERE x."ArticleId" = a."Id" AND x."SectionId" IN (SELECT "Id" FROM "Tree")))
            """,
        Filter.WithTag => $"""AND EXISTS (SELECT 1 FROM "ArticleTag" x WHERE x."ArticleId" = a."Id" AND x."TagId" = {key})""",
        Filter.ByAuthor => $"""AND EXISTS (SELECT 1 FROM "Byline" x WHERE x."ArticleId" = a."Id" AND x."AuthorId" = {key})""",
        _ => "",
    };

    // "+ 0" keeps the statement prepared: SQLite (3.53 here) reads a LIMIT or OFFSET that is a bare parameter while planning,
    // and then compiles the statement again whenever that parameter is bound, which Microsoft.Data.Sqlite does on every
    // execution. An expression is read only when the statement runs. (Perf showed the home page re-preparing its lists
    // on every request: 15 % of its time.)
    private static readonly Dictionary<Filter, string> ListSql = Enum.GetValues<Filter>().ToDictionary(f => f, f => $"""
        {Prefix(f, ListKey)}SELECT {Columns("@p0")}
        FROM "Articles" a LEFT JOIN "Media" m ON m."Id" = a."HeroImage_MediaId"
        WHERE a."Status" = 'Published' {Where(f, ListKey)} AND a."Id" NOT IN ({ExcludedList})
        ORDER BY a."FirstPublishedAt" DESC, a."Id" DESC
        LIMIT @p1 + 0 OFFSET @p2 + 0
        """);

    private static readonly Dictionary<Filter, string> CountSql = Enum.GetValues<Filter>().ToDictionary(f => f, f => $"""
        {Prefix(f, "@p0")}SELECT count(*) FROM "Articles" a WHERE a."Status" = 'Published' {Where(f, "@p0")}
        """);

    // Every pin in the publication (a handful) with its story's card, in order, when the story is published and still in
    // the pinned page's section (or a sub-section). "Tree" pairs each section with itself and every section below it.
    private static readonly string PinsSql = $"""
        WITH RECURSIVE "Tree"("Root", "Id") AS (
            SELECT "Id", "Id" FROM "Sections"
            UNION ALL SELECT t."Root", s."Id" FROM "Sections" s JOIN "Tree" t ON s."ParentId" = t."Id")
        SELECT {Columns("@p0")}, p."SectionId"
        FROM "Pins" p JOIN "Articles" a ON a."Id" = p."ArticleId" LEFT JOIN "Media" m ON m."Id" = a."HeroImage_MediaId"
        WHERE a."Status" = 'Published' AND (p."SectionId" IS NULL OR EXISTS (
            SELECT 1 FROM "Tree" t WHERE t."Root" = p."SectionId" AND (t."Id" = a."PrimarySectionId"
                OR EXISTS (SELECT 1 FROM "ArticleSection" x WHERE x."ArticleId" = a."Id" AND x."SectionId" = t."Id"))))
        ORDER BY p."Position", p."Id"
        """;

    private const string TagSql = """SELECT "Id", "Name", "Slug" FROM "Tags" WHERE "Slug" = @p0""";

    private const string AuthorSql = """SELECT "Id", "Name", "Slug", "Bio", "PhotoUrl", "Links" FROM "Authors" WHERE "Slug" = @p0""";

    /// <summary>
    /// The home page's lists: its pins then the newest (<paramref name="leadCount"/> in all), then for each top section
    /// that section's pins then its newest (<paramref name="rowCount"/> each). No story shows twice on the page.
    /// </summary>
    public Task<(List<ArticleCard> Top, List<(SectionNode Section, List<ArticleCard> Cards)> Rows)> HomeAsync(
        SiteModel site, int leadCount, int rowCount, CancellationToken ct) => reads.RunAsync(async (c, token) =>
    {
        var pins = await PinsAsync(c, site, token);
        var shown = new Dictionary<int, ArticleCard>();
        var top = await PinnedThenNewestAsync(c, site, pins[null], Filter.Latest, 0, within: null, leadCount, shown, token);
        var rows = new List<(SectionNode, List<ArticleCard>)>();
        foreach (var section in site.TopSections)
        {
            var cards = await PinnedThenNewestAsync(c, site, pins[section.Id], Filter.InSection, section.Id, section, rowCount, shown, token);
            if (cards.Count > 0) rows.Add((section, cards));
        }
        return (top, rows);
    }, ct);

    /// <summary>
    /// One page of a section and its sub-sections: its pins open the first page, and every page after follows on
    /// from the newest of the rest.
    /// </summary>
    public Task<(List<ArticleCard> Cards, int Total)> SectionAsync(SiteModel site, SectionNode section, int page, int pageSize, CancellationToken ct) =>
        reads.RunAsync(async (c, token) =>
        {
            var total = await CountAsync(c, Filter.InSection, section.Id, token);
            var pinned = (await PinsAsync(c, site, token))[section.Id].ToList();
            var excluded = pinned.Select(p => p.Id).ToList();
            var cards = page == 1
                ? [.. pinned, .. await ListAsync(c, site, Filter.InSection, section.Id, pageSize - pinned.Count, 0, excluded, token)]
                : await ListAsync(c, site, Filter.InSection, section.Id, pageSize, (page - 1) * pageSize - pinned.Count, excluded, token);
            return (cards, total);
        }, ct);

    /// <summary>The tag a slug names and one page of its published stories, or null for no such tag.</summary>
    public Task<(int Id, string Name, string Slug, List<ArticleCard> Cards, int Total)?> TagAsync(
        SiteModel site, string slug, int page, int pageSize, CancellationToken ct) => reads.RunAsync(async (c, token) =>
    {
        (int Id, string Name, string Slug) tag;
        await using (var r = await c.ReadAsync(TagSql, [slug], token))
        {
            if (!await r.ReadAsync(token)) return ((int, string, string, List<ArticleCard>, int)?)null;
            tag = (r.GetInt32(0), r.GetString(1), r.GetString(2));
        }
        var total = await CountAsync(c, Filter.WithTag, tag.Id, token);
        var cards = total == 0 ? [] : await ListAsync(c, site, Filter.WithTag, tag.Id, pageSize, (page - 1) * pageSize, [], token);
        return (tag.Id, tag.Name, tag.Slug, cards, total);
    }, ct);

    /// <summary>The author a slug names and one page of the published stories they wrote, or null for no such author.</summary>
    public Task<(int Id, AuthorPageModel Page)?> AuthorAsync(SiteModel site, string slug, int page, int pageSize, CancellationToken ct) =>
        reads.RunAsync(async (c, token) =>
        {
            (int Id, string Name, string Slug, string? Bio, string? Photo, List<string> Links) author;
            await using (var r = await c.ReadAsync(AuthorSql, [slug], token))
            {
                if (!await r.ReadAsync(token)) return ((int, AuthorPageModel)?)null;
                author = (r.GetInt32(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4), Links(r.GetValue(5)));
            }
            var total = await CountAsync(c, Filter.ByAuthor, author.Id, token);
            var cards = await ListAsync(c, site, Filter.ByAuthor, author.Id, pageSize, (page - 1) * pageSize, [], token);
            return (author.Id, new AuthorPageModel(author.Name, author.Slug, author.Bio, author.Photo, author.Links, cards, new Paging(page, pageSize, total)));
        }, ct);

    // EF Core keeps a list of strings as a text[] on PostgreSQL and as a JSON array on SQLite.
    private static List<string> Links(object value) => value switch
    {
        string[] array => [.. array],
        string json => JsonSerializer.Deserialize<List<string>>(json) ?? [],
        _ => [],
    };

    private static async Task<ILookup<int?, ArticleCard>> PinsAsync(PreparedConnection c, SiteModel site, CancellationToken ct)
    {
        var pins = new List<(int? Page, ArticleCard Card)>();
        await using var r = await c.ReadAsync(PinsSql, [NameSeparator], ct);
        while (await r.ReadAsync(ct))
            if (Read(r, site) is { } card) pins.Add((Number(r, Width), card));
        return pins.ToLookup(p => p.Page, p => p.Card);
    }

    /// <summary>
    /// A page's pins then its newest others, <paramref name="take"/> in all, none already <paramref name="shown"/>
    /// (which the cards taken join). The statement leaves out the pins and the stories shown higher up whose own
    /// section is in the list's (<paramref name="within"/>: null for all), as many as fit; the rest are skipped as they
    /// come back, reading a few more each time than are still needed.
    /// </summary>
    private static async Task<List<ArticleCard>> PinnedThenNewestAsync(PreparedConnection c, SiteModel site, IEnumerable<ArticleCard> pinned,
        Filter filter, int key, SectionNode? within, int take, Dictionary<int, ArticleCard> shown, CancellationToken ct)
    {
        var cards = pinned.Where(p => !shown.ContainsKey(p.Id)).Take(take).ToList();
        foreach (var card in cards) shown[card.Id] = card;
        var likely = within is null ? shown.Values : shown.Values.Where(s => s.SectionPath == within.Path || s.SectionPath.StartsWith(within.Path + "/", StringComparison.Ordinal));
        var excluded = cards.Concat(likely).Select(s => s.Id).Distinct().Take(ExcludedSlots).ToList();
        var margin = Math.Min(likely.Count() + cards.Count - excluded.Count, take);
        for (var skip = 0; cards.Count < take;)
        {
            var batch = take - cards.Count + Math.Max(margin, 0);
            var rows = await ListAsync(c, site, filter, key, batch, skip, excluded, ct);
            foreach (var card in rows)
                if (cards.Count < take && shown.TryAdd(card.Id, card)) cards.Add(card);
            if (rows.Count < batch) break;
            skip += batch;
        }
        return cards;
    }

    private static async Task<List<ArticleCard>> ListAsync(PreparedConnection c, SiteModel site, Filter filter, int key, int take, int skip,
        IReadOnlyCollection<int> excluded, CancellationToken ct)
    {
        var cards = new List<ArticleCard>(Math.Max(take, 0));
        if (take <= 0) return cards;
        object[] values = [NameSeparator, take, Math.Max(skip, 0), .. PreparedReads.Slots(excluded, ExcludedSlots)];
        await using var r = await c.ReadAsync(ListSql[filter], filter == Filter.Latest ? values : [.. values, key], ct);
        while (await r.ReadAsync(ct))
            if (Read(r, site) is { } card) cards.Add(card);
        return cards;
    }

    private static async Task<int> CountAsync(PreparedConnection c, Filter filter, int key, CancellationToken ct)
    {
        await using var r = await c.ReadAsync(CountSql[filter], [key], ct);
        return await r.ReadAsync(ct) ? Convert.ToInt32(r.GetValue(0)) : 0;
    }
}
