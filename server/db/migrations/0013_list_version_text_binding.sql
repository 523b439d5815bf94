-- Migration 0013. The list-version counter `rows` (migration 0004) moves when a row could enter or leave a
-- filtered list, or change place in one: lists keep their counts and their pages' ids under it
-- (targets.list.repo.ts). It missed two columns a list reads: `binding` (a filter) and
-- `article`, `region` (text a search matches since migration 0011).
DROP TRIGGER `targets_list_version_rows`;
--> statement-breakpoint
CREATE TRIGGER `targets_list_version_rows` AFTER UPDATE OF region_code, region, theme, kind, review, deadline, document_id, gone_at, metric, quote, article, binding ON `targets`
WHEN OLD.region_code IS NOT NEW.region_code OR OLD.region IS NOT NEW.region OR OLD.theme IS NOT NEW.theme
  OR OLD.kind IS NOT NEW.kind OR OLD.review IS NOT NEW.review OR OLD.deadline IS NOT NEW.deadline
  OR OLD.document_id IS NOT NEW.document_id OR OLD.gone_at IS NOT NEW.gone_at OR OLD.metric IS NOT NEW.metric
  OR OLD.quote IS NOT NEW.quote OR OLD.article IS NOT NEW.article OR OLD.binding IS NOT NEW.binding
BEGIN
  UPDATE `target_list_version` SET rows = rows + 1;
END;
