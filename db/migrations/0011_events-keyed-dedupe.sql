-- The events' unique dedupe index holds keyed rows only: unkeyed rows never conflict, and since migration 0010 every
-- call's answer request is one (db/schema.ts). Inserts name the index's condition: ON CONFLICT (dedupe_key) WHERE
-- dedupe_key IS NOT NULL (lib/events/record.ts).
DROP INDEX `webhook_events_dedupe_key_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_dedupe_key_unique` ON `webhook_events` (`dedupe_key`) WHERE dedupe_key IS NOT NULL;
