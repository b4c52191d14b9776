CREATE TABLE `recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`recording_uuid` text NOT NULL,
	`call_uuid` text,
	`conversation_uuid` text,
	`flow_id` text,
	`node_id` text,
	`caller` text DEFAULT '' NOT NULL,
	`called` text DEFAULT '' NOT NULL,
	`recording_url` text NOT NULL,
	`size` integer,
	`started_at` integer,
	`ended_at` integer,
	`duration` integer,
	`transcript` text,
	`transcription_url` text,
	`simulated` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_recording_uuid_unique` ON `recordings` (`recording_uuid`);--> statement-breakpoint
CREATE INDEX `recordings_received_at` ON `recordings` (`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `recordings_flow_id` ON `recordings` (`flow_id`,`received_at`);--> statement-breakpoint
DROP INDEX `calls_started_at`;--> statement-breakpoint
DROP INDEX `calls_flow_id`;--> statement-breakpoint
ALTER TABLE `calls` ADD `ended_at` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `duration` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `waiting_node_id` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `waiting_kind` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `voicemail` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `calls` ADD `transferred` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `calls` ADD `failure` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `search_id` integer;--> statement-breakpoint
CREATE INDEX `calls_started_at_uuid` ON `calls` (`started_at`,`uuid`);--> statement-breakpoint
CREATE INDEX `calls_flow_started` ON `calls` (`flow_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_status_started` ON `calls` (`status`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_conversation_uuid` ON `calls` (`conversation_uuid`);--> statement-breakpoint
CREATE INDEX `calls_search_id` ON `calls` (`search_id`);--> statement-breakpoint
DROP INDEX `webhook_events_call_uuid`;--> statement-breakpoint
DROP INDEX `webhook_events_conversation_uuid`;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `leg_uuid` text;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `flow_id` text;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `node_id` text;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `simulated` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `webhook_events_call_id` ON `webhook_events` (`call_uuid`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_events_conversation_id` ON `webhook_events` (`conversation_uuid`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_events_flow_id` ON `webhook_events` (`flow_id`,`id`);--> statement-breakpoint
UPDATE `webhook_events` SET `type` = CASE
	WHEN `parsed_ok` = 0 THEN 'unparsed'
	WHEN `source` IN ('voice', 'connect') THEN `source` || ':' || coalesce(`status`, 'unknown')
	WHEN `source` = 'input' AND `status` = 'resume' THEN 'notify'
	ELSE `source`
END;--> statement-breakpoint
-- Partial number search: a trigram index over each call's numbers (any substring of 3+ characters).
-- Its rowid is kept on the call (search_id) because calls' own rowid may change on VACUUM.
CREATE VIRTUAL TABLE `calls_numbers` USING fts5(`numbers`, tokenize = 'trigram');--> statement-breakpoint
INSERT INTO `calls_numbers` (rowid, `numbers`) SELECT rowid, `from` || ' ' || `to` FROM `calls`;--> statement-breakpoint
UPDATE `calls` SET `search_id` = rowid;--> statement-breakpoint
CREATE TRIGGER `calls_numbers_insert` AFTER INSERT ON `calls` BEGIN
	INSERT INTO `calls_numbers` (`numbers`) VALUES (new.`from` || ' ' || new.`to`);
	UPDATE `calls` SET `search_id` = last_insert_rowid() WHERE `uuid` = new.`uuid`;
END;--> statement-breakpoint
CREATE TRIGGER `calls_numbers_delete` AFTER DELETE ON `calls` BEGIN
	DELETE FROM `calls_numbers` WHERE rowid = old.`search_id`;
END;
