using System.Data.Common;
using Masthead.Core.Media;

namespace Masthead.Web.PublicSite;

/// <summary>
/// A story card as the public site's prepared statements read it: one column list and one mapping, shared by the
/// article page's related stories and the listing pages (home, section, tag, author), so a card cannot differ
/// between them. The same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal static class StoryCardRows
{
    /// <summary>The hero columns of <c>a</c> (Articles) and <c>m</c> (its library picture): see <see cref="Hero"/>.</summary>
    public const string HeroColumns = """
        a."HeroImage_Url", a."HeroImage_Alt", a."HeroImage_Width", a."HeroImage_Height",
        m."StorageKey", m."Width", m."Height", m."FocalX", m."FocalY", m."Fallback"
        """;

    /// <summary>Joins byline names inside one column: the unit separator (U+001F), a control character nobody types in a name.</summary>
    public const string NameSeparator = "\u001f";

    /// <summary>How many columns <see cref="Columns"/> selects.</summary>
    public const int Width = 17;

    /// <summary>
    /// A card's columns from <c>a</c> (Articles) left-joined to <c>m</c> (Media): id, headline, slug, section, standfirst,
    /// first published, the hero's ten, then the bylines in order, joined by the separator bound to <paramref name="separator"/>
    /// (SQLite 3.44 and PostgreSQL both have string_agg with ORDER BY).
    /// </summary>
    public static string Columns(string separator) => $"""
        a."Id", a."Headline", a."Slug", a."PrimarySectionId", a."Standfirst", a."FirstPublishedAt", {HeroColumns},
        (SELECT string_agg(au."Name", {separator} ORDER BY b."Position") FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId"
         WHERE b."ArticleId" = a."Id") AS "Names"
        """;

    /// <summary>The card in the current row (from column <paramref name="at"/>), or null when its section is not in the site model.</summary>
    public static ArticleCard? Read(DbDataReader r, SiteModel site, int at = 0)
    {
        if (!site.SectionsById.TryGetValue(r.GetInt32(at + 3), out var section)) return null;
        var names = Text(r, at + 16) is { } joined ? joined.Split(NameSeparator[0]) : [];
        return new ArticleCard(r.GetInt32(at), r.GetString(at + 1), r.GetString(at + 2), section.Path, section.Name, r.GetString(at + 4),
            Time(r, at + 5)!.Value, Hero(r, at + 6), names);
    }

    public static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static int? Number(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    /// <summary>Stored as UTC on both databases; SQLite hands it back without a kind.</summary>
    public static DateTime? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    /// <summary>The hero columns start at i: url, alt, width, height, then the library picture's key, size, focus and fallback.</summary>
    public static ImageModel? Hero(DbDataReader r, int i, string? caption = null, string? credit = null)
    {
        if (r.IsDBNull(i) || r.IsDBNull(i + 1)) return null;
        var media = r.IsDBNull(i + 4) ? null : new MediaRef(r.GetString(i + 4), r.GetInt32(i + 5), r.GetInt32(i + 6),
            r.GetDouble(i + 7), r.GetDouble(i + 8), Enum.Parse<FallbackFormat>(r.GetString(i + 9)));
        return new ImageModel(r.GetString(i), r.GetString(i + 1), Number(r, i + 2), Number(r, i + 3), caption, credit, media);
    }
}
