import type { Db } from '@/db/client';
import { preparedFor } from '@/lib/prepared';

/**
 * New calls wait this many at a time for the `calls_numbers` trigram index (partial number search,
 * lib/calls/list.ts). FTS5 writes the terms of each commit as a segment of their own, and the segment cost
 * more than the index rows in it: one call's entry cost ~27 µs of the webhook worker in commits of 20 calls
 * and ~10 µs in commits of 1,000 (a batch of 256: 24,000 instructions less an answer; of 1,024: 33,000–56,000).
 * Searches read the calls still waiting from the calls table itself, so a call is findable the moment it is
 * stored; a search scans at most about a batch of rows for them.
 */
export const SEARCH_INDEX_BATCH = 1024;

/**
 * The largest search id in the index. Calls are indexed in search id order, all that wait at once, in the
 * transaction of a write: so every call at or below it is indexed and every call above it waits. Deleting a
 * call deletes its entry (migration 0004's trigger), and new calls take ids above every stored call's.
 */
export const INDEXED_THROUGH = 'SELECT coalesce(max(rowid), 0) FROM calls_numbers';

const indexedThroughQuery = preparedFor((db) => db.$client.prepare<[], number>(INDEXED_THROUGH).pluck());
const indexWaiting = preparedFor((db) =>
  db.$client.prepare(
    `INSERT INTO calls_numbers (rowid, numbers) SELECT search_id, "from" || ' ' || "to" FROM calls
     WHERE search_id > (${INDEXED_THROUGH}) ORDER BY search_id`,
  ),
);

/**
 * What this thread last knew the index to hold. Only decides when to index: another thread's indexing
 * leaves it low (this thread then indexes early, finding fewer calls), a rolled-back one leaves it high
 * (the calls then wait for one more batch); searches never read it.
 */
const knownThrough = new WeakMap<Db, number>();

/** Indexes every call waiting for the index, in the caller's transaction (or its own); returns how many. */
export function indexWaitingCalls(db: Db): number {
  const indexed = indexWaiting(db).run().changes;
  knownThrough.set(db, indexedThroughQuery(db).get()!);
  return indexed;
}

/**
 * Called for each new call, in the transaction that stores it: once a batch of calls waits, indexes them
 * all there. In a group commit the index's new terms then wait in FTS5's memory until the next savepoint
 * (the next webhook's first write) or the commit writes them out: one segment for the batch.
 */
export function noteNewCall(db: Db, searchId: number): void {
  let through = knownThrough.get(db);
  if (through === undefined) knownThrough.set(db, (through = indexedThroughQuery(db).get()!));
  if (searchId - through >= SEARCH_INDEX_BATCH) indexWaitingCalls(db);
}
