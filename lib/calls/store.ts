import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls, continuations, type CallRow, type NewCallRow } from '@/db/schema';
import { NccoSchema, type Ncco } from '@/lib/ncco';

/*
 * Storage for live calls: rows only, no call logic. Vonage retries any webhook it did not see answered in
 * time, and may deliver a retry while the first attempt is still running, so every write here is
 * idempotent: the first one lands and later ones get back what it stored.
 */

export type NewCall = Omit<NewCallRow, 'startedAt' | 'updatedAt'>;

/** Starts a call; if its uuid is already stored (a retried answer webhook), returns that row unchanged. */
export function createCall(db: Db, call: NewCall, now = new Date()): CallRow {
  db.insert(calls)
    .values({ ...call, startedAt: now, updatedAt: now })
    .onConflictDoNothing({ target: calls.uuid })
    .run();
  // Read back rather than RETURNING: an insert trigger fills in the search index id after the insert.
  return mustGetCall(db, call.uuid);
}

export function getCall(db: Db, uuid: string): CallRow | null {
  return db.select().from(calls).where(eq(calls.uuid, uuid)).get() ?? null;
}

/** Stores a call's runtime state (and status, when given); false when there is no such call. */
export function saveCallState(db: Db, uuid: string, state: unknown, status?: string, now = new Date()): boolean {
  return db.update(calls).set({ state, status, updatedAt: now }).where(eq(calls.uuid, uuid)).run().changes > 0;
}

/** What a continuation URL was answered with: an NCCO, or null for an empty 200. */
export type StoredContinuation = { callUuid: string; response: Ncco | null };

/** The answer already given for a continuation token (by its hash), or null when it is the first request. */
export function findContinuation(db: Db, tokenHash: string): StoredContinuation | null {
  const row = db
    .select({ callUuid: continuations.callUuid, response: continuations.response })
    .from(continuations)
    .where(eq(continuations.tokenHash, tokenHash))
    .get();
  return row ? toContinuation(row) : null;
}

/**
 * Records the answer to a continuation unless one is already stored, and returns whichever is stored: when
 * two deliveries of one webhook race, both answer with the NCCO that landed first.
 */
export function saveContinuation(
  db: Db,
  tokenHash: string,
  callUuid: string,
  response: Ncco | null,
  now = new Date(),
): StoredContinuation {
  const inserted = db
    .insert(continuations)
    .values({ tokenHash, callUuid, response, createdAt: now })
    .onConflictDoNothing({ target: continuations.tokenHash })
    .returning({ callUuid: continuations.callUuid, response: continuations.response })
    .get();
  if (inserted) return toContinuation(inserted);
  const stored = findContinuation(db, tokenHash);
  if (!stored) throw new Error(`continuation ${tokenHash} conflicted but is not stored`);
  return stored;
}

function mustGetCall(db: Db, uuid: string): CallRow {
  const call = getCall(db, uuid);
  if (!call) throw new Error(`call ${uuid} conflicted but is not stored`);
  return call;
}

/** Stored NCCOs passed NccoSchema when served; one that fails now is corrupt storage, so this throws. */
function toContinuation(row: { callUuid: string; response: unknown }): StoredContinuation {
  return { callUuid: row.callUuid, response: NccoSchema.nullable().parse(row.response) };
}
