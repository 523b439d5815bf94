ALTER TABLE `documents` ADD `engine_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `targets` ADD `unmatched_at` text;