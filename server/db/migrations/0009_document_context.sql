ALTER TABLE `documents` ADD `stated_genre` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `stated_plan_start` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `stated_plan_end` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `context` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `version` integer DEFAULT 1 NOT NULL;