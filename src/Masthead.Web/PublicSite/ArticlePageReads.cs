using System.Data.Common;
using Masthead.Core.Articles;
using Masthead.Core.Data;
using static Masthead.Web.PublicSite.StoryCardRows;

namespace Masthead.Web.PublicSite;

/// <summary>
/// The article page's statements, the hottest reads of the public site, as fixed SQL on prepared statements
/// (<see cref="PreparedReads"/>): the story by slug, its people, tags and notes, and its related stories.
/// The same SQL runs on SQLite and PostgreSQL. Lists of ids are bound to a fixed number of slots (unused ones
/// hold 0, which no row has), so each statement's text never changes and stays prepared.
/// </summary>
public sealed class ArticlePageReads(PreparedReads reads)
{
    public const int RelatedCount = 4;

    /// <summary>Related stories are chosen by at most this many of the story's tags.</summary>
    public const int TagSlots = 8;

    private const string StoryColumns = $"""
        SELECT a."Id", a."Status", a."PrimarySectionId", a."Headline", a."Slug", a."Standfirst", a."BodyHtml",
               a."SeoTitle", a."SeoDescription", a."FirstPublishedAt", a."UpdatedAt", a."ModifiedAt",
               a."HeroImage_Caption", a."HeroImage_Credit", {StoryCardRows.HeroColumns}, a."LiveStartedAt", a."LiveEndedAt", a."ScheduledFor", a."Access"
        FROM "Articles" a LEFT JOIN "Media" m ON m."Id" = a."HeroImage_MediaId"
        """;

    private const string BySlugSql = $"""
        {StoryColumns}
        WHERE a."Slug" = @p0
        LIMIT 1
        """;

    // The newsroom's preview reads the story the same way, by id.
    private const string ByIdSql = $"""
        {StoryColumns}
        WHERE a."Id" = @p0
        """;

    // Notes, bylines, credits and tags in one statement: (kind, position, name, slug, role, id, at, credit kind). The notes
    // come first because PostgreSQL types each column of a UNION pair by pair, from the left: their "At" gives the type.
    private const string PartsSql = """
        SELECT n."Kind", n."Id", n."Text", NULL, NULL, n."Id", n."At", NULL
        FROM "ArticleNote" n WHERE n."ArticleId" = @p0
        UNION ALL
        SELECT 'byline', b."Position", au."Name", au."Slug", NULL, b."AuthorId", NULL, NULL
        FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = @p0
        UNION ALL
        SELECT 'credit', c."Position", c."Name", ca."Slug", c."Role", c."Id", NULL, c."Kind"
        FROM "Credit" c LEFT JOIN "Authors" ca ON ca."Id" = c."AuthorId" WHERE c."ArticleId" = @p0
        UNION ALL
        SELECT 'tag', 0, t."Name", t."Slug", NULL, at."TagId", NULL, NULL
        FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = @p0
        """;

    private static readonly string TagSlotList = string.Join(", ", Enumerable.Range(2, TagSlots).Select(i => "@p" + i));

    private static readonly string SharesATag =
        $"EXISTS (SELECT 1 FROM \"ArticleTag\" x WHERE x.\"ArticleId\" = a.\"Id\" AND x.\"TagId\" IN ({TagSlotList}))";

    // A card's columns, its bylines joined in order by @p1 (the name separator), and its rank.
    private static string Cards(int rank, string where) => $"""
        SELECT * FROM (
            SELECT {StoryCardRows.Columns("@p1")}, {rank} AS "Rank"
            FROM "Articles" a LEFT JOIN "Media" m ON m."Id" = a."HeroImage_MediaId"
            WHERE a."Status" = 'Published' AND a."Id" <> @p0 AND {where}
            ORDER BY a."FirstPublishedAt" DESC, a."Id" DESC
            LIMIT {RelatedCount}) AS "Rank{rank}"
        """;

    // Related stories: the newest sharing a tag (@p2…) with the story (@p0), then the newest of its section (@p10)
    // that share none, so a story with few tagged neighbours still shows four.
    private static readonly string RelatedSql = $"""
        {Cards(0, SharesATag)}
        UNION ALL
        {Cards(1, $"a.\"PrimarySectionId\" = @p{2 + TagSlots} AND NOT {SharesATag}")}
        ORDER BY "Rank", "FirstPublishedAt" DESC, "Id" DESC
        LIMIT {RelatedCount}
        """;

    public Task<ArticleRow?> BySlugAsync(string slug, CancellationToken ct) => ReadStoryAsync(BySlugSql, slug, ct);

    public Task<ArticleRow?> ByIdAsync(int id, CancellationToken ct) => ReadStoryAsync(ByIdSql, id, ct);

    private Task<ArticleRow?> ReadStoryAsync(string sql, object key, CancellationToken ct) => reads.RunAsync(async (c, token) =>
    {
        await using var r = await c.ReadAsync(sql, [key], token);
        if (!await r.ReadAsync(token)) return null;
        return new ArticleRow(
            r.GetInt32(0), Enum.Parse<ArticleStatus>(r.GetString(1)), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            Hero(r, 14, caption: Text(r, 12), credit: Text(r, 13)), Text(r, 7), Text(r, 8), Time(r, 9), Time(r, 10), Time(r, 11)!.Value,
            LiveStartedAt: Time(r, 24), LiveEndedAt: Time(r, 25), ScheduledFor: Time(r, 26), Access: Enum.Parse<StoryAccess>(r.GetString(27)));
    }, ct);

    /// <summary>The story's bylines, credits, tags (by name) and notes (oldest first), and its related stories.</summary>
    public Task<ArticleParts> PartsAsync(ArticleRow article, SiteModel site, CancellationToken ct) => reads.RunAsync(async (c, token) =>
    {
        var bylines = new List<(int Position, AuthorLink Link)>();
        var credits = new List<(int Position, CreditLine Line)>();
        var tags = new List<(int Id, TagLink Link)>();
        var notes = new List<NoteModel>();
        await using (var r = await c.ReadAsync(PartsSql, [article.Id], token))
        {
            while (await r.ReadAsync(token))
            {
                var kind = r.GetString(0);
                var (position, name, slug) = (r.GetInt32(1), r.GetString(2), Text(r, 3));
                switch (kind)
                {
                    case "byline": bylines.Add((position, new AuthorLink(name, slug!))); break;
                    case "credit": credits.Add((position, new CreditLine(r.GetString(4), name, slug, Enum.Parse<CreditKind>(r.GetString(7))))); break;
                    case "tag": tags.Add((r.GetInt32(5), new TagLink(name, slug!))); break;
                    default: notes.Add(new NoteModel(Enum.Parse<ArticleNoteKind>(kind), name, Time(r, 6)!.Value)); break;
                }
            }
        }

        var cards = new List<ArticleCard>(RelatedCount);
        await using (var r = await c.ReadAsync(RelatedSql, [article.Id, StoryCardRows.NameSeparator, .. PreparedReads.Slots(tags.Select(t => t.Id), TagSlots), article.PrimarySectionId], token))
        {
            while (await r.ReadAsync(token))
                if (StoryCardRows.Read(r, site) is { } card) cards.Add(card);
        }

        return new ArticleParts(
            [.. bylines.OrderBy(b => b.Position).Select(b => b.Link)],
            [.. credits.OrderBy(b => b.Position).Select(b => b.Line)],
            [.. tags.Select(t => t.Link).OrderBy(t => t.Name)],
            [.. notes.OrderBy(n => n.At)],
            cards);
    }, ct);
}

public sealed record ArticleParts(
    IReadOnlyList<AuthorLink> Bylines, IReadOnlyList<CreditLine> Credits, IReadOnlyList<TagLink> Tags,
    IReadOnlyList<NoteModel> Notes, IReadOnlyList<ArticleCard> Related);
