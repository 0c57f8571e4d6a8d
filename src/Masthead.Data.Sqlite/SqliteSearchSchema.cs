namespace Masthead.Data.Sqlite;

/// <summary>
/// SQLite's search index as it is today: an FTS5 table whose rowid is the article's id, and the triggers that
/// refresh a story's entry whenever its text, status, sections, tags or bylines change (and when a tag or author
/// is renamed), inside the transaction that made the change; only published stories are in the index.
/// Start-up repairs the triggers from here and the index rebuilds from here; migrations keep their own frozen copy
/// of the SQL they ran (Migrations/Sql), so changing this file never changes an old migration.
/// </summary>
public static class SqliteSearchSchema
{
    private const string Columns = "rowid, \"Headline\", \"Standfirst\", \"Tags\", \"Authors\", \"Body\", \"Facets\"";

    /// <summary>
    /// Facets holds a word per section (s12), author (a3) and tag (t40) of the story, and its year and month of
    /// first publication in UTC (y2025, m202503), so that filters are words the index intersects like any other,
    /// never a lookup per match. Each starts with <see cref="FacetMark"/>, a private-use character: FTS5 keeps it
    /// inside the word, and no reader's word can hold one (<see cref="SearchTerms"/> keeps letters, digits and
    /// marks only), so readers' words never match a facet and need no column filter, which made every search slower.
    /// </summary>
    public const string FacetMark = "\uE000";

    private const string Mark = "char(57344)";

    /// <summary>Rewrites the entries of the articles whose ids <paramref name="ids"/> (an SQL list or subquery) gives.</summary>
    private static string Refresh(string ids) => $"""
        DELETE FROM "ArticleSearch" WHERE rowid IN ({ids});
        INSERT INTO "ArticleSearch" ({Columns})
        SELECT a."Id", a."Headline", a."Standfirst",
               coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
               coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
               a."BodyText",
               {Mark} || 's' || a."PrimarySectionId"
               || coalesce((SELECT ' ' || group_concat({Mark} || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
               || coalesce((SELECT ' ' || group_concat({Mark} || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
               || coalesce((SELECT ' ' || group_concat({Mark} || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
               || coalesce(' ' || {Mark} || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || {Mark} || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
        FROM "Articles" a WHERE a."Id" IN ({ids}) AND a."Status" = 'Published';
        """;

    private static string Trigger(string name, string when, string body) =>
        $"CREATE TRIGGER \"{name}\" {when} BEGIN\n{body}\nEND;\n";

    private static readonly string[] TriggerNames =
    [
        "ArticleSearch_ArticleInserted", "ArticleSearch_ArticleUpdated", "ArticleSearch_ArticleDeleted",
        "ArticleSearch_TagAdded", "ArticleSearch_TagRemoved", "ArticleSearch_TagMoved",
        "ArticleSearch_BylineAdded", "ArticleSearch_BylineRemoved", "ArticleSearch_BylineMoved",
        "ArticleSearch_TagRenamed", "ArticleSearch_AuthorRenamed",
        "ArticleSearch_SectionAdded", "ArticleSearch_SectionRemoved", "ArticleSearch_SectionMoved",
    ];

    /// <summary>Creates the triggers (after <see cref="DropTriggers"/>).</summary>
    public static string Triggers => string.Concat(
        Trigger("ArticleSearch_ArticleInserted", "AFTER INSERT ON \"Articles\"", Refresh("NEW.\"Id\"")),
        Trigger("ArticleSearch_ArticleUpdated", "AFTER UPDATE OF \"Headline\", \"Standfirst\", \"BodyText\", \"Status\", \"PrimarySectionId\", \"FirstPublishedAt\" ON \"Articles\"", Refresh("NEW.\"Id\"")),
        Trigger("ArticleSearch_ArticleDeleted", "AFTER DELETE ON \"Articles\"", "DELETE FROM \"ArticleSearch\" WHERE rowid = OLD.\"Id\";"),
        Trigger("ArticleSearch_TagAdded", "AFTER INSERT ON \"ArticleTag\"", Refresh("NEW.\"ArticleId\"")),
        Trigger("ArticleSearch_TagRemoved", "AFTER DELETE ON \"ArticleTag\"", Refresh("OLD.\"ArticleId\"")),
        Trigger("ArticleSearch_TagMoved", "AFTER UPDATE ON \"ArticleTag\"", Refresh("OLD.\"ArticleId\", NEW.\"ArticleId\"")),
        Trigger("ArticleSearch_BylineAdded", "AFTER INSERT ON \"Byline\"", Refresh("NEW.\"ArticleId\"")),
        Trigger("ArticleSearch_BylineRemoved", "AFTER DELETE ON \"Byline\"", Refresh("OLD.\"ArticleId\"")),
        Trigger("ArticleSearch_BylineMoved", "AFTER UPDATE ON \"Byline\"", Refresh("OLD.\"ArticleId\", NEW.\"ArticleId\"")),
        Trigger("ArticleSearch_TagRenamed", "AFTER UPDATE OF \"Name\" ON \"Tags\"",
            Refresh("SELECT \"ArticleId\" FROM \"ArticleTag\" WHERE \"TagId\" = NEW.\"Id\"")),
        Trigger("ArticleSearch_AuthorRenamed", "AFTER UPDATE OF \"Name\" ON \"Authors\"",
            Refresh("SELECT \"ArticleId\" FROM \"Byline\" WHERE \"AuthorId\" = NEW.\"Id\"")),
        Trigger("ArticleSearch_SectionAdded", "AFTER INSERT ON \"ArticleSection\"", Refresh("NEW.\"ArticleId\"")),
        Trigger("ArticleSearch_SectionRemoved", "AFTER DELETE ON \"ArticleSection\"", Refresh("OLD.\"ArticleId\"")),
        Trigger("ArticleSearch_SectionMoved", "AFTER UPDATE ON \"ArticleSection\"", Refresh("OLD.\"ArticleId\", NEW.\"ArticleId\"")));

    public static string DropTriggers => string.Concat(TriggerNames.Select(n => $"DROP TRIGGER IF EXISTS \"{n}\";\n"));

    /// <summary>
    /// How many of the triggers exist. SQLite migrations that rebuild a table (EF Core does so for most column
    /// changes) drop that table's triggers; start-up counts them and repairs the index if any is missing.
    /// </summary>
    public static string TriggerCount =>
        $"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name IN ({string.Join(", ", TriggerNames.Select(n => $"'{n}'"))})";

    public static int ExpectedTriggerCount => TriggerNames.Length;

    /// <summary>Writes the entries of the given articles as the triggers would (none for a story that is not published).</summary>
    public static string RefreshEntries(IEnumerable<int> articleIds) =>
        Refresh(string.Join(", ", articleIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Creates the triggers afresh, then rebuilds the index (stories changed meanwhile were missed).</summary>
    public static string Repair => DropTriggers + Triggers + Rebuild;

    /// <summary>Empties the index and fills it again from every published story.</summary>
    public static string Rebuild => $"""
        DELETE FROM "ArticleSearch";
        {Refresh("SELECT \"Id\" FROM \"Articles\" WHERE \"Status\" = 'Published'")}
        INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('optimize');
        """;
}
