CREATE TABLE `target_list_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`rows` integer NOT NULL,
	`statuses` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `target_rollup_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`region_code` text NOT NULL,
	`theme` text NOT NULL,
	`year` text NOT NULL,
	`status` text NOT NULL,
	`count` integer NOT NULL,
	`progress_tenths` integer NOT NULL,
	`progress_count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `targets_live_theme_region_idx` ON `targets` (`theme`,`region_code`,`progress`,`deadline`) WHERE gone_at IS NULL;--> statement-breakpoint
CREATE INDEX `targets_live_status_region_idx` ON `targets` (`status`,`region_code`,`deadline`,`progress`) WHERE gone_at IS NULL;--> statement-breakpoint
-- The rollup triggers of 0003, now also writing each delta to target_rollup_log with the full region code
-- (a move between two cities of one province nets to nothing in target_rollup but not in a province's view).
DROP TRIGGER `targets_rollup_insert`;
--> statement-breakpoint
DROP TRIGGER `targets_rollup_delete`;
--> statement-breakpoint
DROP TRIGGER `targets_rollup_update`;
--> statement-breakpoint
CREATE TRIGGER `targets_rollup_insert` AFTER INSERT ON `targets`
BEGIN
  INSERT INTO `target_rollup` (kind, province, theme, year, status, count, progress_tenths, progress_count)
  SELECT NEW.kind, CASE WHEN NEW.region_code = '000000' THEN '000000' ELSE substr(NEW.region_code, 1, 2) || '0000' END, NEW.theme, coalesce(substr(NEW.deadline, 1, 4), ''), NEW.status, 1, coalesce(CAST(round(min(max(NEW.progress, 0), 100) * 10) AS INTEGER), 0), NEW.progress IS NOT NULL
  WHERE NEW.gone_at IS NULL AND NEW.review != 'rejected'
  ON CONFLICT DO UPDATE SET count = count + 1, progress_tenths = progress_tenths + excluded.progress_tenths,
    progress_count = progress_count + excluded.progress_count;
  INSERT INTO `target_rollup_log` (kind, region_code, theme, year, status, count, progress_tenths, progress_count)
  SELECT NEW.kind, NEW.region_code, NEW.theme, coalesce(substr(NEW.deadline, 1, 4), ''), NEW.status, 1, coalesce(CAST(round(min(max(NEW.progress, 0), 100) * 10) AS INTEGER), 0), NEW.progress IS NOT NULL
  WHERE NEW.gone_at IS NULL AND NEW.review != 'rejected';
  UPDATE `target_rollup_version` SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_rollup_delete` AFTER DELETE ON `targets`
BEGIN
  UPDATE `target_rollup` SET count = count - 1, progress_tenths = progress_tenths - coalesce(CAST(round(min(max(OLD.progress, 0), 100) * 10) AS INTEGER), 0),
    progress_count = progress_count - (OLD.progress IS NOT NULL)
  WHERE OLD.gone_at IS NULL AND OLD.review != 'rejected'
    AND (kind, province, theme, year, status) = (OLD.kind, CASE WHEN OLD.region_code = '000000' THEN '000000' ELSE substr(OLD.region_code, 1, 2) || '0000' END, OLD.theme, coalesce(substr(OLD.deadline, 1, 4), ''), OLD.status);
  INSERT INTO `target_rollup_log` (kind, region_code, theme, year, status, count, progress_tenths, progress_count)
  SELECT OLD.kind, OLD.region_code, OLD.theme, coalesce(substr(OLD.deadline, 1, 4), ''), OLD.status, -1, -coalesce(CAST(round(min(max(OLD.progress, 0), 100) * 10) AS INTEGER), 0), -(OLD.progress IS NOT NULL)
  WHERE OLD.gone_at IS NULL AND OLD.review != 'rejected';
  UPDATE `target_rollup_version` SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_rollup_update` AFTER UPDATE OF kind, region_code, theme, deadline, status, progress, review, gone_at ON `targets`
WHEN OLD.kind IS NOT NEW.kind OR OLD.region_code IS NOT NEW.region_code OR OLD.theme IS NOT NEW.theme
  OR OLD.deadline IS NOT NEW.deadline OR OLD.status IS NOT NEW.status OR OLD.progress IS NOT NEW.progress
  OR OLD.review IS NOT NEW.review OR OLD.gone_at IS NOT NEW.gone_at
BEGIN
  UPDATE `target_rollup` SET count = count - 1, progress_tenths = progress_tenths - coalesce(CAST(round(min(max(OLD.progress, 0), 100) * 10) AS INTEGER), 0),
    progress_count = progress_count - (OLD.progress IS NOT NULL)
  WHERE OLD.gone_at IS NULL AND OLD.review != 'rejected'
    AND (kind, province, theme, year, status) = (OLD.kind, CASE WHEN OLD.region_code = '000000' THEN '000000' ELSE substr(OLD.region_code, 1, 2) || '0000' END, OLD.theme, coalesce(substr(OLD.deadline, 1, 4), ''), OLD.status);
  INSERT INTO `target_rollup` (kind, province, theme, year, status, count, progress_tenths, progress_count)
  SELECT NEW.kind, CASE WHEN NEW.region_code = '000000' THEN '000000' ELSE substr(NEW.region_code, 1, 2) || '0000' END, NEW.theme, coalesce(substr(NEW.deadline, 1, 4), ''), NEW.status, 1, coalesce(CAST(round(min(max(NEW.progress, 0), 100) * 10) AS INTEGER), 0), NEW.progress IS NOT NULL
  WHERE NEW.gone_at IS NULL AND NEW.review != 'rejected'
  ON CONFLICT DO UPDATE SET count = count + 1, progress_tenths = progress_tenths + excluded.progress_tenths,
    progress_count = progress_count + excluded.progress_count;
  INSERT INTO `target_rollup_log` (kind, region_code, theme, year, status, count, progress_tenths, progress_count)
  SELECT OLD.kind, OLD.region_code, OLD.theme, coalesce(substr(OLD.deadline, 1, 4), ''), OLD.status, -1, -coalesce(CAST(round(min(max(OLD.progress, 0), 100) * 10) AS INTEGER), 0), -(OLD.progress IS NOT NULL)
  WHERE OLD.gone_at IS NULL AND OLD.review != 'rejected';
  INSERT INTO `target_rollup_log` (kind, region_code, theme, year, status, count, progress_tenths, progress_count)
  SELECT NEW.kind, NEW.region_code, NEW.theme, coalesce(substr(NEW.deadline, 1, 4), ''), NEW.status, 1, coalesce(CAST(round(min(max(NEW.progress, 0), 100) * 10) AS INTEGER), 0), NEW.progress IS NOT NULL
  WHERE NEW.gone_at IS NULL AND NEW.review != 'rejected';
  UPDATE `target_rollup_version` SET version = version + 1;
END;
--> statement-breakpoint
-- Keep the most recent 50,000 changes, pruned every 1,000: a summary that far behind is computed again.
CREATE TRIGGER `target_rollup_log_prune` AFTER INSERT ON `target_rollup_log`
WHEN NEW.seq % 1000 = 0
BEGIN
  DELETE FROM `target_rollup_log` WHERE seq <= NEW.seq - 50000;
END;
--> statement-breakpoint
INSERT INTO `target_list_version` (id, rows, statuses) VALUES (1, 1, 1);
--> statement-breakpoint
CREATE TRIGGER `targets_list_version_insert` AFTER INSERT ON `targets`
BEGIN
  UPDATE `target_list_version` SET rows = rows + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_list_version_delete` AFTER DELETE ON `targets`
BEGIN
  UPDATE `target_list_version` SET rows = rows + 1;
END;
--> statement-breakpoint
-- The columns list filters read (targetWhere in targets.repo.ts), status apart.
CREATE TRIGGER `targets_list_version_rows` AFTER UPDATE OF region_code, theme, kind, review, deadline, document_id, gone_at, metric, quote ON `targets`
WHEN OLD.region_code IS NOT NEW.region_code OR OLD.theme IS NOT NEW.theme OR OLD.kind IS NOT NEW.kind
  OR OLD.review IS NOT NEW.review OR OLD.deadline IS NOT NEW.deadline OR OLD.document_id IS NOT NEW.document_id
  OR OLD.gone_at IS NOT NEW.gone_at OR OLD.metric IS NOT NEW.metric OR OLD.quote IS NOT NEW.quote
BEGIN
  UPDATE `target_list_version` SET rows = rows + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_list_version_statuses` AFTER UPDATE OF status ON `targets`
WHEN OLD.status IS NOT NEW.status
BEGIN
  UPDATE `target_list_version` SET statuses = statuses + 1;
END;
