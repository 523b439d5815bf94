-- target_rollup_version was last read before the change log (0004) replaced it: the rollup triggers stop raising
-- it (same bodies as 0004 without that UPDATE), then the table goes.
DROP TRIGGER `targets_rollup_insert`;
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
END;
--> statement-breakpoint
DROP TRIGGER `targets_rollup_delete`;
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
END;
--> statement-breakpoint
DROP TRIGGER `targets_rollup_update`;
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
END;
--> statement-breakpoint
DROP TABLE `target_rollup_version`;
