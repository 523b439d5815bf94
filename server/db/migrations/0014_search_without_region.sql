-- Migration 0014. Region names leave the full-text indexes of migration 0011: they are reference data, derived from
-- a target's region code, and a search matches them in the regions table held in memory instead
-- (targets.search.repo.ts). In the indexes they made a region correction re-index the whole row in both indexes —
-- 80 % of a bulk correction of 1,000 targets' region (issue 14). The indexes are rebuilt with the four texts that
-- are the target's own: metric, quote, article and its document's title.
DROP TRIGGER `targets_search_insert`;
--> statement-breakpoint
DROP TRIGGER `targets_search_update`;
--> statement-breakpoint
DROP TRIGGER `targets_search_delete`;
--> statement-breakpoint
DROP TRIGGER `documents_search_title`;
--> statement-breakpoint
DROP TABLE `target_search`;
--> statement-breakpoint
DROP TABLE `target_search_chars`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `target_search` USING fts5(metric, quote, article, title, content='', contentless_delete=1, tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `target_search_chars` USING fts5(metric, quote, article, title, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
CREATE TRIGGER `targets_search_insert` AFTER INSERT ON `targets`
BEGIN
  INSERT INTO `target_search` (rowid, metric, quote, article, title)
    SELECT NEW.id, NEW.metric, NEW.quote, NEW.article, coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), '');
  INSERT INTO `target_search_chars` (rowid, metric, quote, article, title)
    SELECT NEW.id, search_chars(NEW.metric), search_chars(NEW.quote), search_chars(NEW.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), ''));
END;
--> statement-breakpoint
CREATE TRIGGER `targets_search_delete` AFTER DELETE ON `targets`
BEGIN
  DELETE FROM `target_search` WHERE rowid = OLD.id;
  DELETE FROM `target_search_chars` WHERE rowid = OLD.id;
END;
--> statement-breakpoint
-- The searched texts of a target (its document's title is the documents trigger's).
CREATE TRIGGER `targets_search_update` AFTER UPDATE OF metric, quote, article, document_id ON `targets`
WHEN OLD.metric IS NOT NEW.metric OR OLD.quote IS NOT NEW.quote OR OLD.article IS NOT NEW.article
  OR OLD.document_id IS NOT NEW.document_id
BEGIN
  DELETE FROM `target_search` WHERE rowid = OLD.id;
  DELETE FROM `target_search_chars` WHERE rowid = OLD.id;
  INSERT INTO `target_search` (rowid, metric, quote, article, title)
    SELECT NEW.id, NEW.metric, NEW.quote, NEW.article, coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), '');
  INSERT INTO `target_search_chars` (rowid, metric, quote, article, title)
    SELECT NEW.id, search_chars(NEW.metric), search_chars(NEW.quote), search_chars(NEW.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), ''));
END;
--> statement-breakpoint
-- A document's new title (a re-ingest, a correction) is its targets' new title: re-indexed, and list counts and
-- pages filtered by text read again (target_list_version, migration 0004).
CREATE TRIGGER `documents_search_title` AFTER UPDATE OF title ON `documents`
WHEN OLD.title IS NOT NEW.title
BEGIN
  DELETE FROM `target_search` WHERE rowid IN (SELECT id FROM `targets` WHERE document_id = NEW.id);
  DELETE FROM `target_search_chars` WHERE rowid IN (SELECT id FROM `targets` WHERE document_id = NEW.id);
  INSERT INTO `target_search` (rowid, metric, quote, article, title)
    SELECT t.id, t.metric, t.quote, t.article, coalesce((SELECT title FROM `documents` WHERE id = t.document_id), '')
    FROM `targets` t WHERE t.document_id = NEW.id;
  INSERT INTO `target_search_chars` (rowid, metric, quote, article, title)
    SELECT t.id, search_chars(t.metric), search_chars(t.quote), search_chars(t.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = t.document_id), ''))
    FROM `targets` t WHERE t.document_id = NEW.id;
  UPDATE `target_list_version` SET rows = rows + 1;
END;
--> statement-breakpoint
INSERT INTO `target_search` (rowid, metric, quote, article, title)
  SELECT t.id, t.metric, t.quote, t.article, coalesce((SELECT title FROM `documents` WHERE id = t.document_id), '')
  FROM `targets` t;
--> statement-breakpoint
INSERT INTO `target_search_chars` (rowid, metric, quote, article, title)
  SELECT t.id, search_chars(t.metric), search_chars(t.quote), search_chars(t.article),
    search_chars(coalesce((SELECT title FROM `documents` WHERE id = t.document_id), ''))
  FROM `targets` t;
