-- The runtime steps of a webhook's answer, kept on the row of the request that caused them (one row where an
-- answer took two, each with its five index entries); read back as events after it (lib/events/trace-row.ts).
ALTER TABLE `webhook_events` ADD `trace` text;
