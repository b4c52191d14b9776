CREATE TABLE `scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`name` text NOT NULL,
	`setup` text NOT NULL,
	`steps` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scenarios_flow_id` ON `scenarios` (`flow_id`);--> statement-breakpoint
CREATE TABLE `simulated_calls` (
	`uuid` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`version` text NOT NULL,
	`version_id` text,
	`document` text,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`clock_at` integer,
	`clock_zone` text,
	`status` text NOT NULL,
	`view` text NOT NULL,
	`traces` text NOT NULL,
	`started_by` text,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `flow_versions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `simulated_calls_flow_id` ON `simulated_calls` (`flow_id`,`started_at`);