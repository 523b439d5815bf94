CREATE TABLE `actuals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`value` real NOT NULL,
	`as_of` text NOT NULL,
	`note` text,
	`entered_by` text NOT NULL,
	`entered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`superseded_by` integer,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`superseded_by`) REFERENCES `actuals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actuals_target_idx` ON `actuals` (`target_id`,`as_of`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`title` text NOT NULL,
	`issuing_body` text,
	`region` text NOT NULL,
	`region_code` text NOT NULL,
	`plan_start_year` integer,
	`plan_end_year` integer,
	`first_line` integer NOT NULL,
	`last_line` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `articles_document_idx` ON `articles` (`document_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`title` text NOT NULL,
	`issue_date` text,
	`sha256` text NOT NULL,
	`encoding` text NOT NULL,
	`size` integer NOT NULL,
	`content` text NOT NULL,
	`line_count` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`ingested_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_file_name_unique` ON `documents` (`file_name`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`full_name` text NOT NULL,
	`name_en` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text
);
--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`article_id` integer,
	`source_file` text NOT NULL,
	`line` integer NOT NULL,
	`quote` text NOT NULL,
	`kind` text NOT NULL,
	`article` text NOT NULL,
	`region` text NOT NULL,
	`region_code` text NOT NULL,
	`theme` text NOT NULL,
	`metric` text NOT NULL,
	`comparator` text NOT NULL,
	`value` real NOT NULL,
	`value_max` real,
	`unit` text NOT NULL,
	`normalized_value` real NOT NULL,
	`normalized_unit` text NOT NULL,
	`deadline` text,
	`per_year` integer DEFAULT false NOT NULL,
	`confidence` real NOT NULL,
	`review` text DEFAULT 'extracted' NOT NULL,
	`baseline_value` real,
	`baseline_date` text,
	`binding` text DEFAULT 'unknown' NOT NULL,
	`fingerprint` text NOT NULL,
	`gone_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`latest_actual_id` integer,
	`latest_actual_value` real,
	`latest_actual_as_of` text,
	`progress` real,
	`expected_progress` real,
	`status` text DEFAULT 'no_data' NOT NULL,
	`status_date` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_document_fingerprint_idx` ON `targets` (`document_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `targets_region_idx` ON `targets` (`region_code`);--> statement-breakpoint
CREATE INDEX `targets_theme_idx` ON `targets` (`theme`);--> statement-breakpoint
CREATE INDEX `targets_deadline_idx` ON `targets` (`deadline`);--> statement-breakpoint
CREATE INDEX `targets_status_idx` ON `targets` (`status`);--> statement-breakpoint
CREATE INDEX `targets_document_line_idx` ON `targets` (`document_id`,`line`);--> statement-breakpoint
CREATE TABLE `themes` (
	`key` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL
);
