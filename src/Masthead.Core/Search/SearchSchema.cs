namespace Masthead.Core.Search;

/// <summary>
/// The search index's tables, triggers and functions, which EF Core cannot express, one script per database.
/// Migrations call these with one line per provider, so they survive a migration being regenerated.
/// Triggers refresh a story's entry whenever its text, status, tags or bylines change (and when a tag or
/// author is renamed), inside the transaction that made the change; only published stories are in the index.
/// </summary>
public static class SearchSchema
{
    /// <summary>The PostgreSQL text search configuration: English stemming and stop words.</summary>
    public const string PostgresConfig = "english";

    // ---- SQLite: an FTS5 table whose rowid is the article's id ----

    private const string SqliteColumns = "rowid, \"Headline\", \"Standfirst\", \"Tags\", \"Authors\", \"Body\", \"Facets\"";

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
    private static string SqliteRefresh(string ids) => $"""
        DELETE FROM "ArticleSearch" WHERE rowid IN ({ids});
        INSERT INTO "ArticleSearch" ({SqliteColumns})
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

    private static string SqliteTrigger(string name, string when, string body) =>
        $"CREATE TRIGGER \"{name}\" {when} BEGIN\n{body}\nEND;\n";

    public static string SqliteUp => string.Concat(
        // Plain text for stories saved before the column existed; `masthead search rebuild` makes it exact.
        "UPDATE \"Articles\" SET \"BodyText\" = \"BodyMarkdown\" WHERE \"BodyText\" = '';\n",
        "CREATE VIRTUAL TABLE \"ArticleSearch\" USING fts5(\"Headline\", \"Standfirst\", \"Tags\", \"Authors\", \"Body\", \"Facets\", ",
        "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');\n",
        // The rank column is bm25 weighted by column: headline, standfirst, tags, authors, body (facets count for nothing).
        "INSERT INTO \"ArticleSearch\" (\"ArticleSearch\", rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 2.0, 1.0, 0.0)');\n",
        SqliteTriggers,
        SqliteRebuild);

    private static readonly string[] SqliteTriggerNames =
    [
        "ArticleSearch_ArticleInserted", "ArticleSearch_ArticleUpdated", "ArticleSearch_ArticleDeleted",
        "ArticleSearch_TagAdded", "ArticleSearch_TagRemoved", "ArticleSearch_TagMoved",
        "ArticleSearch_BylineAdded", "ArticleSearch_BylineRemoved", "ArticleSearch_BylineMoved",
        "ArticleSearch_TagRenamed", "ArticleSearch_AuthorRenamed",
        "ArticleSearch_SectionAdded", "ArticleSearch_SectionRemoved", "ArticleSearch_SectionMoved",
    ];

    private static string SqliteTriggers => string.Concat(
        SqliteTrigger("ArticleSearch_ArticleInserted", "AFTER INSERT ON \"Articles\"", SqliteRefresh("NEW.\"Id\"")),
        SqliteTrigger("ArticleSearch_ArticleUpdated", "AFTER UPDATE OF \"Headline\", \"Standfirst\", \"BodyText\", \"Status\", \"PrimarySectionId\", \"FirstPublishedAt\" ON \"Articles\"", SqliteRefresh("NEW.\"Id\"")),
        SqliteTrigger("ArticleSearch_ArticleDeleted", "AFTER DELETE ON \"Articles\"", "DELETE FROM \"ArticleSearch\" WHERE rowid = OLD.\"Id\";"),
        SqliteTrigger("ArticleSearch_TagAdded", "AFTER INSERT ON \"ArticleTag\"", SqliteRefresh("NEW.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_TagRemoved", "AFTER DELETE ON \"ArticleTag\"", SqliteRefresh("OLD.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_TagMoved", "AFTER UPDATE ON \"ArticleTag\"", SqliteRefresh("OLD.\"ArticleId\", NEW.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_BylineAdded", "AFTER INSERT ON \"Byline\"", SqliteRefresh("NEW.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_BylineRemoved", "AFTER DELETE ON \"Byline\"", SqliteRefresh("OLD.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_BylineMoved", "AFTER UPDATE ON \"Byline\"", SqliteRefresh("OLD.\"ArticleId\", NEW.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_TagRenamed", "AFTER UPDATE OF \"Name\" ON \"Tags\"",
            SqliteRefresh("SELECT \"ArticleId\" FROM \"ArticleTag\" WHERE \"TagId\" = NEW.\"Id\"")),
        SqliteTrigger("ArticleSearch_AuthorRenamed", "AFTER UPDATE OF \"Name\" ON \"Authors\"",
            SqliteRefresh("SELECT \"ArticleId\" FROM \"Byline\" WHERE \"AuthorId\" = NEW.\"Id\"")),
        SqliteTrigger("ArticleSearch_SectionAdded", "AFTER INSERT ON \"ArticleSection\"", SqliteRefresh("NEW.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_SectionRemoved", "AFTER DELETE ON \"ArticleSection\"", SqliteRefresh("OLD.\"ArticleId\"")),
        SqliteTrigger("ArticleSearch_SectionMoved", "AFTER UPDATE ON \"ArticleSection\"", SqliteRefresh("OLD.\"ArticleId\", NEW.\"ArticleId\"")));

    private static string SqliteDropTriggers => string.Concat(SqliteTriggerNames.Select(n => $"DROP TRIGGER IF EXISTS \"{n}\";\n"));

    public static string SqliteDown => SqliteDropTriggers + "DROP TABLE IF EXISTS \"ArticleSearch\";\n";

    /// <summary>
    /// How many of the triggers exist. SQLite migrations that rebuild a table (EF Core does so for most column
    /// changes) drop that table's triggers; start-up counts them and repairs the index if any is missing.
    /// </summary>
    public static string SqliteTriggerCount =>
        $"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name IN ({string.Join(", ", SqliteTriggerNames.Select(n => $"'{n}'"))})";

    public static int SqliteExpectedCount => SqliteTriggerNames.Length;

    /// <summary>Creates the triggers afresh, then rebuilds the index (stories changed meanwhile were missed).</summary>
    public static string SqliteRepair => SqliteDropTriggers + SqliteTriggers + SqliteRebuild;

    /// <summary>Empties the index and fills it again from every published story.</summary>
    public static string SqliteRebuild => $"""
        DELETE FROM "ArticleSearch";
        {SqliteRefresh("SELECT \"Id\" FROM \"Articles\" WHERE \"Status\" = 'Published'")}
        INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('optimize');
        """;

    // ---- PostgreSQL: a weighted tsvector per published article, in its own table with a GIN index ----

    public static string PostgresUp => $$"""
        UPDATE "Articles" SET "BodyText" = btrim(regexp_replace(regexp_replace("BodyHtml", '<[^>]*>', ' ', 'g'), '\s+', ' ', 'g')) WHERE "BodyText" = '';
        CREATE TABLE "ArticleSearch" (
            "ArticleId" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
            "Document" tsvector NOT NULL
        );
        CREATE INDEX "IX_ArticleSearch_Document" ON "ArticleSearch" USING GIN ("Document");

        -- Headline A, standfirst B, tags and bylines C, body D.
        CREATE FUNCTION masthead_search_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $fn$
            DELETE FROM "ArticleSearch" WHERE "ArticleId" = ANY (ids);
            INSERT INTO "ArticleSearch" ("ArticleId", "Document")
            SELECT a."Id",
                   setweight(to_tsvector('{{PostgresConfig}}', a."Headline"), 'A')
                || setweight(to_tsvector('{{PostgresConfig}}', a."Standfirst"), 'B')
                || setweight(to_tsvector('{{PostgresConfig}}', coalesce((SELECT string_agg(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), '')), 'C')
                || setweight(to_tsvector('{{PostgresConfig}}', coalesce((SELECT string_agg(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), '')), 'C')
                || setweight(to_tsvector('{{PostgresConfig}}', a."BodyText"), 'D')
            FROM "Articles" a WHERE a."Id" = ANY (ids) AND a."Status" = 'Published';
        $fn$;

        CREATE FUNCTION masthead_search_article_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM masthead_search_refresh(ARRAY[NEW."Id"]);
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ArticleSearch_ArticleChanged" AFTER INSERT OR UPDATE OF "Headline", "Standfirst", "BodyText", "Status" ON "Articles"
            FOR EACH ROW EXECUTE FUNCTION masthead_search_article_changed();

        -- Tag and byline rows: the story on either side of the change.
        CREATE FUNCTION masthead_search_link_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'INSERT' THEN PERFORM masthead_search_refresh(ARRAY[NEW."ArticleId"]);
            ELSIF TG_OP = 'DELETE' THEN PERFORM masthead_search_refresh(ARRAY[OLD."ArticleId"]);
            ELSE PERFORM masthead_search_refresh(ARRAY[OLD."ArticleId", NEW."ArticleId"]);
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ArticleSearch_TagLinkChanged" AFTER INSERT OR UPDATE OR DELETE ON "ArticleTag"
            FOR EACH ROW EXECUTE FUNCTION masthead_search_link_changed();
        CREATE TRIGGER "ArticleSearch_BylineChanged" AFTER INSERT OR UPDATE OR DELETE ON "Byline"
            FOR EACH ROW EXECUTE FUNCTION masthead_search_link_changed();

        CREATE FUNCTION masthead_search_tag_renamed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM masthead_search_refresh(ARRAY(SELECT "ArticleId" FROM "ArticleTag" WHERE "TagId" = NEW."Id"));
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ArticleSearch_TagRenamed" AFTER UPDATE OF "Name" ON "Tags"
            FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION masthead_search_tag_renamed();

        CREATE FUNCTION masthead_search_author_renamed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM masthead_search_refresh(ARRAY(SELECT "ArticleId" FROM "Byline" WHERE "AuthorId" = NEW."Id"));
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "ArticleSearch_AuthorRenamed" AFTER UPDATE OF "Name" ON "Authors"
            FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION masthead_search_author_renamed();

        {{PostgresRebuild}}
        """;

    public static string PostgresDown => """
        DROP TRIGGER IF EXISTS "ArticleSearch_ArticleChanged" ON "Articles";
        DROP TRIGGER IF EXISTS "ArticleSearch_TagLinkChanged" ON "ArticleTag";
        DROP TRIGGER IF EXISTS "ArticleSearch_BylineChanged" ON "Byline";
        DROP TRIGGER IF EXISTS "ArticleSearch_TagRenamed" ON "Tags";
        DROP TRIGGER IF EXISTS "ArticleSearch_AuthorRenamed" ON "Authors";
        DROP FUNCTION IF EXISTS masthead_search_article_changed();
        DROP FUNCTION IF EXISTS masthead_search_link_changed();
        DROP FUNCTION IF EXISTS masthead_search_tag_renamed();
        DROP FUNCTION IF EXISTS masthead_search_author_renamed();
        DROP FUNCTION IF EXISTS masthead_search_refresh(integer[]);
        DROP TABLE IF EXISTS "ArticleSearch";
        """;

    public static string PostgresRebuild => """
        TRUNCATE "ArticleSearch";
        SELECT masthead_search_refresh(ARRAY(SELECT "Id" FROM "Articles" WHERE "Status" = 'Published'));
        """;
}
