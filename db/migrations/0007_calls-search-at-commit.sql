-- A call's numbers are added to the trigram index by lib/calls/search-index.ts, at the end of the transaction
-- that starts the call, no longer by a trigger: inside the INSERT's own statement savepoint, FTS5 flushed its
-- pending terms as a new segment for every call, which cost more than the rest of the call row.
-- `search_id` is now given by the INSERT itself. Calls already stored keep their index rows.
DROP TRIGGER `calls_numbers_insert`;
