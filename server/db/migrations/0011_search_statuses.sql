CREATE INDEX `targets_live_stale_idx` ON `targets` (`latest_actual_as_of`,`region_code`,`theme`,`status`,`deadline_month`) WHERE gone_at IS NULL AND kind = 'target' AND review != 'rejected' AND latest_actual_as_of IS NOT NULL;--> statement-breakpoint
CREATE INDEX `targets_live_region_theme_deadline_idx` ON `targets` (`region_code`,`theme`,`deadline_month`,`status`) WHERE gone_at IS NULL;
--> statement-breakpoint
-- Migration 0011. Search (server/repos/targets.search.repo.ts): two contentless FTS5 indexes over each target's metric, quote,
-- article, document title and region names (its own, its province's), rowid = targets.id, kept in step by the
-- triggers below. `target_search` uses the trigram tokenizer: any substring of 3 or more characters, Chinese or
-- not, is a phrase query there, ranked by bm25. Trigrams cannot answer 1–2 character queries, so
-- `target_search_chars` holds the same text one character per token (unicode61 over the text with a space after
-- every character, by search_chars(), an application function every connection of openDatabase registers before
-- migrating — server/db/client.ts): a 1–2 character query is a phrase of characters there. (Spelling it out in SQL
-- took 280 µs a row; a trigger cannot use a recursive CTE.) Contentless (content=''), so the text is not stored
-- twice; contentless_delete=1 lets the triggers delete.
CREATE VIRTUAL TABLE `target_search` USING fts5(metric, quote, article, title, region, content='', contentless_delete=1, tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `target_search_chars` USING fts5(metric, quote, article, title, region, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
CREATE TRIGGER `targets_search_insert` AFTER INSERT ON `targets`
BEGIN
  INSERT INTO `target_search` (rowid, metric, quote, article, title, region)
    SELECT NEW.id, NEW.metric, NEW.quote, NEW.article, coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), ''),
      NEW.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(NEW.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = NEW.region_code), '');
  INSERT INTO `target_search_chars` (rowid, metric, quote, article, title, region)
    SELECT NEW.id, search_chars(NEW.metric),
      search_chars(NEW.quote),
      search_chars(NEW.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), '')),
      search_chars((NEW.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(NEW.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = NEW.region_code), '')));
END;
--> statement-breakpoint
CREATE TRIGGER `targets_search_delete` AFTER DELETE ON `targets`
BEGIN
  DELETE FROM `target_search` WHERE rowid = OLD.id;
  DELETE FROM `target_search_chars` WHERE rowid = OLD.id;
END;
--> statement-breakpoint
-- The searched columns of a target (its document's title is the documents trigger's).
CREATE TRIGGER `targets_search_update` AFTER UPDATE OF metric, quote, article, region, region_code, document_id ON `targets`
WHEN OLD.metric IS NOT NEW.metric OR OLD.quote IS NOT NEW.quote OR OLD.article IS NOT NEW.article
  OR OLD.region IS NOT NEW.region OR OLD.region_code IS NOT NEW.region_code OR OLD.document_id IS NOT NEW.document_id
BEGIN
  DELETE FROM `target_search` WHERE rowid = OLD.id;
  DELETE FROM `target_search_chars` WHERE rowid = OLD.id;
  INSERT INTO `target_search` (rowid, metric, quote, article, title, region)
    SELECT NEW.id, NEW.metric, NEW.quote, NEW.article, coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), ''),
      NEW.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(NEW.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = NEW.region_code), '');
  INSERT INTO `target_search_chars` (rowid, metric, quote, article, title, region)
    SELECT NEW.id, search_chars(NEW.metric),
      search_chars(NEW.quote),
      search_chars(NEW.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = NEW.document_id), '')),
      search_chars((NEW.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(NEW.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = NEW.region_code), '')));
END;
--> statement-breakpoint
-- A document's new title (a re-ingest, a correction) is its targets' new title: re-indexed, and list counts
-- filtered by text recounted (target_list_version, migration 0004).
CREATE TRIGGER `documents_search_title` AFTER UPDATE OF title ON `documents`
WHEN OLD.title IS NOT NEW.title
BEGIN
  DELETE FROM `target_search` WHERE rowid IN (SELECT id FROM `targets` WHERE document_id = NEW.id);
  DELETE FROM `target_search_chars` WHERE rowid IN (SELECT id FROM `targets` WHERE document_id = NEW.id);
  INSERT INTO `target_search` (rowid, metric, quote, article, title, region)
    SELECT t.id, t.metric, t.quote, t.article, coalesce((SELECT title FROM `documents` WHERE id = t.document_id), ''),
      t.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(t.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = t.region_code), '') FROM `targets` t WHERE t.document_id = NEW.id;
  INSERT INTO `target_search_chars` (rowid, metric, quote, article, title, region)
    SELECT t.id, search_chars(t.metric),
      search_chars(t.quote),
      search_chars(t.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = t.document_id), '')),
      search_chars((t.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(t.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = t.region_code), ''))) FROM `targets` t WHERE t.document_id = NEW.id;
  UPDATE `target_list_version` SET rows = rows + 1;
END;
--> statement-breakpoint
-- The targets stored before this migration.
INSERT INTO `target_search` (rowid, metric, quote, article, title, region)
    SELECT t.id, t.metric, t.quote, t.article, coalesce((SELECT title FROM `documents` WHERE id = t.document_id), ''),
      t.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(t.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = t.region_code), '') FROM `targets` t;
--> statement-breakpoint
INSERT INTO `target_search_chars` (rowid, metric, quote, article, title, region)
    SELECT t.id, search_chars(t.metric),
      search_chars(t.quote),
      search_chars(t.article),
      search_chars(coalesce((SELECT title FROM `documents` WHERE id = t.document_id), '')),
      search_chars((t.region || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = substr(t.region_code, 1, 2) || '0000'), '') || ' ' || coalesce((SELECT full_name FROM `regions` WHERE code = t.region_code), ''))) FROM `targets` t;
--> statement-breakpoint
-- Statuses: `overdue` is split into `missed` (an actual was reported and falls short) and `unreported` (none was).
-- Rows are moved here by the rule's SQL form (the rollup triggers of 0007 move their counts with them), and the
-- day the statuses were computed for is forgotten, so the first read recomputes every status with
-- shared/status.ts (which also knows that a per-year goal's old actual does not count).
UPDATE `targets` SET status = CASE WHEN latest_actual_value IS NULL THEN 'unreported' ELSE 'missed' END WHERE status = 'overdue';
--> statement-breakpoint
DELETE FROM `meta` WHERE key = 'statusDate';
--> statement-breakpoint
-- Meta `actualsVersion` moves whenever a target's latest actual changes date: with the rollup log's head it says
-- when a kept stale count (summary.service) may have changed — a new actual that moves neither status nor
-- progress writes no rollup log row, yet it can make a stale target fresh.
INSERT INTO `meta` (key, value) VALUES ('actualsVersion', '0') ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `targets_actuals_version` AFTER UPDATE OF latest_actual_as_of ON `targets`
WHEN OLD.latest_actual_as_of IS NOT NEW.latest_actual_as_of
BEGIN
  UPDATE `meta` SET value = CAST(value AS INTEGER) + 1 WHERE key = 'actualsVersion';
END;
