CREATE TABLE `originals` (
	`sha256` text PRIMARY KEY NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`stored_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `documents` ADD `format` text DEFAULT 'txt' NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `original_sha256` text REFERENCES originals(sha256);--> statement-breakpoint
ALTER TABLE `documents` ADD `page_starts` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `stated_title` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `stated_region_code` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `stated_year` integer;