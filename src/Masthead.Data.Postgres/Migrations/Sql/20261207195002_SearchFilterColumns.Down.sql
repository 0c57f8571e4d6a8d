DROP TRIGGER IF EXISTS "ArticleSearch_SectionLinkChanged" ON "ArticleSection";
DROP TRIGGER "ArticleSearch_ArticleChanged" ON "Articles";
CREATE TRIGGER "ArticleSearch_ArticleChanged" AFTER INSERT OR UPDATE OF "Headline", "Standfirst", "BodyText", "Status" ON "Articles"
    FOR EACH ROW EXECUTE FUNCTION masthead_search_article_changed();

CREATE OR REPLACE FUNCTION masthead_search_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $fn$
    DELETE FROM "ArticleSearch" WHERE "ArticleId" = ANY (ids);
    INSERT INTO "ArticleSearch" ("ArticleId", "Document")
    SELECT a."Id",
           setweight(to_tsvector('english', a."Headline"), 'A')
        || setweight(to_tsvector('english', a."Standfirst"), 'B')
        || setweight(to_tsvector('english', coalesce((SELECT string_agg(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), '')), 'C')
        || setweight(to_tsvector('english', coalesce((SELECT string_agg(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), '')), 'C')
        || setweight(to_tsvector('english', a."BodyText"), 'D')
    FROM "Articles" a WHERE a."Id" = ANY (ids) AND a."Status" = 'Published';
$fn$;

ALTER TABLE "ArticleSearch"
    DROP COLUMN "SectionIds",
    DROP COLUMN "AuthorIds",
    DROP COLUMN "TagIds",
    DROP COLUMN "PublishedAt";
