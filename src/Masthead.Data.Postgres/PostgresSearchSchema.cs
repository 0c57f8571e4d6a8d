namespace Masthead.Data.Postgres;

/// <summary>
/// PostgreSQL's search index as it is today: a weighted tsvector per published article in its own table, beside the
/// story's section, author and tag ids and first publication (what the filters read), kept current by triggers inside
/// the transaction that changed a story (its text, status, primary section or publication date), its other sections,
/// tags or bylines, or renamed a tag or author.
/// Migrations keep their own frozen copy of the SQL they ran (Migrations/Sql); this is what rebuilds use.
/// </summary>
public static class PostgresSearchSchema
{
    /// <summary>The PostgreSQL text search configuration: English stemming and stop words.</summary>
    public const string Config = "english";

    public static string Rebuild => """
        TRUNCATE "ArticleSearch";
        SELECT masthead_search_refresh(ARRAY(SELECT "Id" FROM "Articles" WHERE "Status" = 'Published'));
        """;
}
