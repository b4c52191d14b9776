import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appState } from '@/db/schema';
import { preparedFor } from '@/lib/prepared';

/** A transaction as `db.transaction` hands it over; helpers that must join the caller's transaction take either. */
export type DbTransaction = Parameters<Parameters<Db['transaction']>[0]>[0];

const CONTINUATION_SECRET = 'continuation_secret';
const ROUTING_REVISION = 'routing_revision';

/**
 * The key continuation tokens are signed with. Generated on first use and kept in the database, so it
 * survives restarts (tokens already handed to Vonage stay valid) and every process signs alike. Insert-or-
 * ignore then read: when two processes race, both end up with the one that landed first.
 */
export function getContinuationSecret(db: Db): string {
  // Once stored it never changes, so each process reads it once per database.
  const known = secrets.get(db);
  if (known !== undefined) return known;
  db.insert(appState)
    .values({ key: CONTINUATION_SECRET, value: randomBytes(32).toString('hex') })
    .onConflictDoNothing()
    .run();
  const row = db.select({ value: appState.value }).from(appState).where(eq(appState.key, CONTINUATION_SECRET)).get();
  if (!row) throw new Error('continuation secret vanished right after it was stored');
  secrets.set(db, row.value);
  return row.value;
}

const secrets = new WeakMap<Db, string>();

// A plain statement: every answer reads the revision (lib/voice/routing-cache.ts).
const revisionQuery = preparedFor((db) => db.$client.prepare<[string], { value: string }>('SELECT value FROM app_state WHERE key = ?'));

/** Counts changes to what answers calls (publish, bind, unbind); caches compare it to know they are stale. */
export function getRoutingRevision(db: Db): number {
  const row = revisionQuery(db).get(ROUTING_REVISION);
  return row ? Number(row.value) : 0;
}

/** Increments the routing revision in one statement; call it inside the transaction that changes routing. */
export function bumpRoutingRevision(db: Db | DbTransaction): number {
  const row = db
    .insert(appState)
    .values({ key: ROUTING_REVISION, value: '1' })
    .onConflictDoUpdate({ target: appState.key, set: { value: sql`CAST(${appState.value} AS INTEGER) + 1` } })
    .returning({ value: appState.value })
    .get();
  return Number(row.value);
}
