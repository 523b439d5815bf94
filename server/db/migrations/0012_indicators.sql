CREATE TABLE `indicator_synonyms` (
	`indicator_id` integer NOT NULL,
	`synonym` text NOT NULL,
	`normalized` text NOT NULL,
	PRIMARY KEY(`indicator_id`, `normalized`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicator_synonyms_normalized_idx` ON `indicator_synonyms` (`normalized`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`unit` text NOT NULL,
	`theme` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_key_unique` ON `indicators` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_name_unique` ON `indicators` (`name`);--> statement-breakpoint
ALTER TABLE `targets` ADD `indicator_id` integer REFERENCES indicators(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `targets` ADD `indicator_manual` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `targets_live_indicator_idx` ON `targets` (`indicator_id`,`region_code`,`kind`,`review`,`deadline_month`) WHERE gone_at IS NULL AND indicator_id IS NOT NULL;