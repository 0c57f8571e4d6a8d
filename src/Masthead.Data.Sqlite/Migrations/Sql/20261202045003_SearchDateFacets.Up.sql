DROP TRIGGER IF EXISTS "ArticleSearch_ArticleInserted";
DROP TRIGGER IF EXISTS "ArticleSearch_ArticleUpdated";
DROP TRIGGER IF EXISTS "ArticleSearch_ArticleDeleted";
DROP TRIGGER IF EXISTS "ArticleSearch_TagAdded";
DROP TRIGGER IF EXISTS "ArticleSearch_TagRemoved";
DROP TRIGGER IF EXISTS "ArticleSearch_TagMoved";
DROP TRIGGER IF EXISTS "ArticleSearch_BylineAdded";
DROP TRIGGER IF EXISTS "ArticleSearch_BylineRemoved";
DROP TRIGGER IF EXISTS "ArticleSearch_BylineMoved";
DROP TRIGGER IF EXISTS "ArticleSearch_TagRenamed";
DROP TRIGGER IF EXISTS "ArticleSearch_AuthorRenamed";
DROP TRIGGER IF EXISTS "ArticleSearch_SectionAdded";
DROP TRIGGER IF EXISTS "ArticleSearch_SectionRemoved";
DROP TRIGGER IF EXISTS "ArticleSearch_SectionMoved";
CREATE TRIGGER "ArticleSearch_ArticleInserted" AFTER INSERT ON "Articles" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (NEW."Id");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (NEW."Id") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_ArticleUpdated" AFTER UPDATE OF "Headline", "Standfirst", "BodyText", "Status", "PrimarySectionId", "FirstPublishedAt" ON "Articles" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (NEW."Id");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (NEW."Id") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_ArticleDeleted" AFTER DELETE ON "Articles" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid = OLD."Id";
END;
CREATE TRIGGER "ArticleSearch_TagAdded" AFTER INSERT ON "ArticleTag" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (NEW."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (NEW."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_TagRemoved" AFTER DELETE ON "ArticleTag" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (OLD."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (OLD."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_TagMoved" AFTER UPDATE ON "ArticleTag" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (OLD."ArticleId", NEW."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (OLD."ArticleId", NEW."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_BylineAdded" AFTER INSERT ON "Byline" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (NEW."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (NEW."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_BylineRemoved" AFTER DELETE ON "Byline" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (OLD."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (OLD."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_BylineMoved" AFTER UPDATE ON "Byline" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (OLD."ArticleId", NEW."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (OLD."ArticleId", NEW."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_TagRenamed" AFTER UPDATE OF "Name" ON "Tags" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (SELECT "ArticleId" FROM "ArticleTag" WHERE "TagId" = NEW."Id");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (SELECT "ArticleId" FROM "ArticleTag" WHERE "TagId" = NEW."Id") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_AuthorRenamed" AFTER UPDATE OF "Name" ON "Authors" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (SELECT "ArticleId" FROM "Byline" WHERE "AuthorId" = NEW."Id");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (SELECT "ArticleId" FROM "Byline" WHERE "AuthorId" = NEW."Id") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_SectionAdded" AFTER INSERT ON "ArticleSection" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (NEW."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (NEW."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_SectionRemoved" AFTER DELETE ON "ArticleSection" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (OLD."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (OLD."ArticleId") AND a."Status" = 'Published';
END;
CREATE TRIGGER "ArticleSearch_SectionMoved" AFTER UPDATE ON "ArticleSection" BEGIN
DELETE FROM "ArticleSearch" WHERE rowid IN (OLD."ArticleId", NEW."ArticleId");
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (OLD."ArticleId", NEW."ArticleId") AND a."Status" = 'Published';
END;
DELETE FROM "ArticleSearch";
DELETE FROM "ArticleSearch" WHERE rowid IN (SELECT "Id" FROM "Articles" WHERE "Status" = 'Published');
INSERT INTO "ArticleSearch" (rowid, "Headline", "Standfirst", "Tags", "Authors", "Body", "Facets")
SELECT a."Id", a."Headline", a."Standfirst",
       coalesce((SELECT group_concat(t."Name", ' ') FROM "ArticleTag" at JOIN "Tags" t ON t."Id" = at."TagId" WHERE at."ArticleId" = a."Id"), ''),
       coalesce((SELECT group_concat(au."Name", ' ') FROM "Byline" b JOIN "Authors" au ON au."Id" = b."AuthorId" WHERE b."ArticleId" = a."Id"), ''),
       a."BodyText",
       char(57344) || 's' || a."PrimarySectionId"
       || coalesce((SELECT ' ' || group_concat(char(57344) || 's' || x."SectionId", ' ') FROM "ArticleSection" x WHERE x."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 'a' || b."AuthorId", ' ') FROM "Byline" b WHERE b."ArticleId" = a."Id"), '')
       || coalesce((SELECT ' ' || group_concat(char(57344) || 't' || t."TagId", ' ') FROM "ArticleTag" t WHERE t."ArticleId" = a."Id"), '')
       || coalesce(' ' || char(57344) || 'y' || strftime('%Y', a."FirstPublishedAt") || ' ' || char(57344) || 'm' || strftime('%Y%m', a."FirstPublishedAt"), '')
FROM "Articles" a WHERE a."Id" IN (SELECT "Id" FROM "Articles" WHERE "Status" = 'Published') AND a."Status" = 'Published';
INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('optimize');