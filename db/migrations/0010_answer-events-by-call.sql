-- A call started and answered in one insert names its answer request's event (calls.answer_event_id); that event
-- is stored without a dedupe key and left out of the events' call and Conversation indexes, whose random uuids
-- cost the group commit a page of each index per answer (db/schema.ts, ON_CALL_INDEXES). Rows already stored
-- keep their keys, so the partial indexes still hold them.
DROP INDEX `webhook_events_call_id`;--> statement-breakpoint
DROP INDEX `webhook_events_conversation_id`;--> statement-breakpoint
CREATE INDEX `webhook_events_call_id` ON `webhook_events` (`call_uuid`,`id`) WHERE (source <> 'answer' OR dedupe_key IS NOT NULL);--> statement-breakpoint
CREATE INDEX `webhook_events_conversation_id` ON `webhook_events` (`conversation_uuid`,`id`) WHERE (source <> 'answer' OR dedupe_key IS NOT NULL);--> statement-breakpoint
ALTER TABLE `calls` ADD `answer_event_id` integer;
