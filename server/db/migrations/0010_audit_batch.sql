ALTER TABLE `audit_log` ADD `batch_id` text;--> statement-breakpoint
CREATE INDEX `audit_batch_idx` ON `audit_log` (`batch_id`);