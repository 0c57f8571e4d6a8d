-- A story's sections (primary and others), authors, tags and first publication, copied beside its document so
-- that a filter is a condition on the search row itself (GIN and btree indexes) rather than an id list from the
-- article tables joined against every match.
ALTER TABLE "ArticleSearch"
    ADD COLUMN "SectionIds" integer[] NOT NULL DEFAULT '{}',
    ADD COLUMN "AuthorIds" integer[] NOT NULL DEFAULT '{}',
    ADD COLUMN "TagIds" integer[] NOT NULL DEFAULT '{}',
    ADD COLUMN "PublishedAt" timestamp with time zone;
CREATE INDEX "IX_ArticleSearch_SectionIds" ON "ArticleSearch" USING GIN ("SectionIds");
CREATE INDEX "IX_ArticleSearch_AuthorIds" ON "ArticleSearch" USING GIN ("AuthorIds");
CREATE INDEX "IX_ArticleSearch_TagIds" ON "ArticleSearch" USING GIN ("TagIds");
CREATE INDEX "IX_ArticleSearch_PublishedAt" ON "ArticleSearch" ("PublishedAt");

-- Headline A, standfirst B, tags and bylines C, body D; and the filter columns.
CREATE OR REPLACE FUNCTION masthead_search_refresh(ids integer[]) RETURNS void LANGUAGE sql AS $fn$
    DELETE FROM "ArticleSearch" WHERE "ArticleId" = ANY (ids);
    INSERT INTO "ArticleSearch" ("ArticleId", "Document", "SectionIds", "AuthorIds", "TagIds", "PublishedAt")
    SELECT a."Id",
           setweight(to_tsvector('english', a."Headline"), 'A')
        || setweight(to_tsvector('english', a."Standfirst"), 'B')
        || setweight(to_tsvector('english', coalesce((SELECT string_agg(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), '')), 'C')
        || setweight(to_tsvector('english', coalesce((SELECT string_agg(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), '')), 'C')
        || setweight(to_tsvector('english', a."BodyText"), 'D'),
           ARRAY(SELECT a."PrimarySectionId" UNION SELECT x."SectionId" FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"),
           ARRAY(SELECT b."AuthorId" FROM "Byline" b WHERE b."ArticleId" = a."Id"),
           ARRAY(SELECT t."TagId" FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"),
           a."FirstPublishedAt"
    FROM "Articles" a WHERE a."Id" = ANY (ids) AND a."Status" = 'Published';
$fn$;

-- A story's primary section and publication date are now in its entry, so changing either refreshes it too,
-- as does adding or removing one of its other sections.
DROP TRIGGER "ArticleSearch_ArticleChanged" ON "Articles";
CREATE TRIGGER "ArticleSearch_ArticleChanged" AFTER INSERT OR UPDATE OF "Headline", "Standfirst", "BodyText", "Status", "PrimarySectionId", "FirstPublishedAt" ON "Articles"
    FOR EACH ROW EXECUTE FUNCTION masthead_search_article_changed();
CREATE TRIGGER "ArticleSearch_SectionLinkChanged" AFTER INSERT OR UPDATE OR DELETE ON "ArticleSection"
    FOR EACH ROW EXECUTE FUNCTION masthead_search_link_changed();

TRUNCATE "ArticleSearch";
SELECT masthead_search_refresh(ARRAY(SELECT "Id" FROM "Articles" WHERE "Status" = 'Published'));
