ALTER TABLE `flow_versions` ADD `author_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `flow_versions` ADD `author_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `numbers` ADD `test_callers` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `numbers` ADD `hours_override` text DEFAULT 'schedule' NOT NULL;--> statement-breakpoint
ALTER TABLE `numbers` ADD `override_message` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `numbers` ADD `vonage_status` text;--> statement-breakpoint
ALTER TABLE `numbers` ADD `vonage_error` text;--> statement-breakpoint
ALTER TABLE `numbers` ADD `vonage_checked_at` integer;