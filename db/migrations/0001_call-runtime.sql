CREATE TABLE `app_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `calls` (
	`uuid` text PRIMARY KEY NOT NULL,
	`conversation_uuid` text NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`number` text NOT NULL,
	`flow_id` text,
	`version_id` text,
	`state` text,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`simulated` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`version_id`) REFERENCES `flow_versions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `calls_started_at` ON `calls` (`started_at`);--> statement-breakpoint
CREATE INDEX `calls_number` ON `calls` (`number`);--> statement-breakpoint
CREATE INDEX `calls_flow_id` ON `calls` (`flow_id`);--> statement-breakpoint
CREATE INDEX `calls_version_id` ON `calls` (`version_id`);--> statement-breakpoint
CREATE TABLE `continuations` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`call_uuid` text NOT NULL,
	`response` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_uuid`) REFERENCES `calls`(`uuid`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `flow_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`number` integer NOT NULL,
	`document` text NOT NULL,
	`layout` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flow_versions_flow_number` ON `flow_versions` (`flow_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `flow_versions_flow_id_id` ON `flow_versions` (`flow_id`,`id`);--> statement-breakpoint
CREATE TABLE `numbers` (
	`number` text PRIMARY KEY NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`flow_id` text,
	`version_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`flow_id`,`version_id`) REFERENCES `flow_versions`(`flow_id`,`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `numbers_flow_id` ON `numbers` (`flow_id`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`call_uuid` text,
	`conversation_uuid` text,
	`status` text,
	`dedupe_key` text,
	`payload` text NOT NULL,
	`parsed_ok` integer NOT NULL,
	`problem` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_dedupe_key_unique` ON `webhook_events` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `webhook_events_call_uuid` ON `webhook_events` (`call_uuid`);--> statement-breakpoint
CREATE INDEX `webhook_events_conversation_uuid` ON `webhook_events` (`conversation_uuid`);--> statement-breakpoint
CREATE INDEX `webhook_events_received_at` ON `webhook_events` (`received_at`);