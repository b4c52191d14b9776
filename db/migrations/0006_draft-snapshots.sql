CREATE TABLE `draft_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`revision` integer NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draft_snapshots_flow_revision` ON `draft_snapshots` (`flow_id`,`revision`);--> statement-breakpoint
DROP INDEX `calls_number`;--> statement-breakpoint
ALTER TABLE `calls` ADD `draft_snapshot_id` text;--> statement-breakpoint
CREATE INDEX `calls_number_started` ON `calls` (`number`,`started_at`);