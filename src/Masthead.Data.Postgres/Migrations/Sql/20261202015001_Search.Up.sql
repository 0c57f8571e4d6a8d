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
           setweight(to_tsvector('english', a."Headline"), 'A')
        || setweight(to_tsvector('english', a."Standfirst"), 'B')
        || setweight(to_tsvector('english', coalesce((SELECT string_agg(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), '')), 'C')
        || setweight(to_tsvector('english', coalesce((SELECT string_agg(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), '')), 'C')
        || setweight(to_tsvector('english', a."BodyText"), 'D')
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

TRUNCATE "ArticleSearch";
SELECT masthead_search_refresh(ARRAY(SELECT "Id" FROM "Articles" WHERE "Status" = 'Published'));