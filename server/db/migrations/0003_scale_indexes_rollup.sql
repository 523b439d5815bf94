CREATE TABLE `target_rollup` (
	`kind` text NOT NULL,
	`province` text NOT NULL,
	`theme` text NOT NULL,
	`year` text NOT NULL,
	`status` text NOT NULL,
	`count` integer NOT NULL,
	`progress_tenths` integer NOT NULL,
	`progress_count` integer NOT NULL,
	PRIMARY KEY(`kind`, `province`, `theme`, `year`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `target_rollup_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `targets` ADD `deadline_month` text GENERATED ALWAYS AS ((CASE WHEN length("deadline") = 4 THEN "deadline" || '-12' ELSE "deadline" END)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `targets_live_deadline_month_idx` ON `targets` (`deadline_month`) WHERE gone_at IS NULL;--> statement-breakpoint
CREATE INDEX `targets_live_updated_idx` ON `targets` (`updated_at`,`id`) WHERE gone_at IS NULL;--> statement-breakpoint
CREATE INDEX `targets_live_deadline_asc_idx` ON `targets` ((deadline IS NULL),`deadline`,`id`,`deadline_month`) WHERE gone_at IS NULL;--> statement-breakpoint
CREATE INDEX `targets_live_deadline_desc_idx` ON `targets` (`deadline`,`id`,`deadline_month`) WHERE gone_at IS NULL;--> statement-breakpoint
CREATE INDEX `targets_live_progress_asc_idx` ON `targets` ((progress IS NULL),`progress`,`id`,`deadline_month`) WHERE gone_at IS NULL;--> statement-breakpoint
CREATE INDEX `targets_live_progress_desc_idx` ON `targets` (`progress`,`id`,`deadline_month`) WHERE gone_at IS NULL;
--> statement-breakpoint
-- Clustered by its key (WITHOUT ROWID above): the summary reads ranges of it in key order.
-- target_rollup follows every change of targets (see schema.ts): a row leaves its old cell and joins its new one.
CREATE TRIGGER `targets_rollup_insert` AFTER INSERT ON `targets`
BEGIN
  INSERT INTO `target_rollup` (kind, province, theme, year, status, count, progress_tenths, progress_count)
  SELECT NEW.kind, CASE WHEN NEW.region_code = '000000' THEN '000000' ELSE substr(NEW.region_code, 1, 2) || '0000' END, NEW.theme, coalesce(substr(NEW.deadline, 1, 4), ''), NEW.status, 1, coalesce(CAST(round(min(max(NEW.progress, 0), 100) * 10) AS INTEGER), 0), NEW.progress IS NOT NULL
  WHERE NEW.gone_at IS NULL AND NEW.review != 'rejected'
  ON CONFLICT DO UPDATE SET count = count + 1, progress_tenths = progress_tenths + excluded.progress_tenths,
    progress_count = progress_count + excluded.progress_count;
  UPDATE `target_rollup_version` SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_rollup_delete` AFTER DELETE ON `targets`
BEGIN
  UPDATE `target_rollup` SET count = count - 1, progress_tenths = progress_tenths - coalesce(CAST(round(min(max(OLD.progress, 0), 100) * 10) AS INTEGER), 0),
    progress_count = progress_count - (OLD.progress IS NOT NULL)
  WHERE OLD.gone_at IS NULL AND OLD.review != 'rejected'
    AND (kind, province, theme, year, status) = (OLD.kind, CASE WHEN OLD.region_code = '000000' THEN '000000' ELSE substr(OLD.region_code, 1, 2) || '0000' END, OLD.theme, coalesce(substr(OLD.deadline, 1, 4), ''), OLD.status);
  UPDATE `target_rollup_version` SET version = version + 1;
END;
--> statement-breakpoint
-- Only when a column the summary reads changed: the daily refresh moves expected progress on most rows.
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
  UPDATE `target_rollup_version` SET version = version + 1;
END;
--> statement-breakpoint
INSERT INTO `target_rollup` (kind, province, theme, year, status, count, progress_tenths, progress_count)
SELECT t.kind, CASE WHEN t.region_code = '000000' THEN '000000' ELSE substr(t.region_code, 1, 2) || '0000' END, t.theme, coalesce(substr(t.deadline, 1, 4), ''), t.status, count(*), sum(coalesce(CAST(round(min(max(t.progress, 0), 100) * 10) AS INTEGER), 0)), count(t.progress)
FROM `targets` t WHERE t.gone_at IS NULL AND t.review != 'rejected'
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `target_rollup_version` (id, version) VALUES (1, 1);
