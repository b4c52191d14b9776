import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls, continuations, type CallRow, type NewCallRow } from '@/db/schema';
import { nccoJson, NccoSchema, type Ncco } from '@/lib/ncco';
import { atomic } from '@/lib/atomic';
import { preparedFor } from '@/lib/prepared';
import { noteNewCall } from './search-index';

/*
 * Storage for live calls: rows only, no call logic. Vonage retries any webhook it did not see answered in
 * time, and may deliver a retry while the first attempt is still running, so every write here is
 * idempotent: the first one lands and later ones get back what it stored.
 */

/** What a new call is started with; the call's later facts (end, failure…) come from its events. */
export type NewCall = Pick<
  NewCallRow,
  | 'uuid' | 'conversationUuid' | 'from' | 'to' | 'number' | 'flowId' | 'versionId' | 'draftSnapshotId' | 'state' | 'status' | 'simulated'
  | 'waitingNodeId' | 'waitingKind' | 'answerEventId'
>;

// Prepared once per database: each answer starts a call and each webhook answer saves its state.
const INSERT_CALL = `INSERT INTO calls (uuid, conversation_uuid, "from", "to", number, flow_id, version_id, draft_snapshot_id, state,
  status, started_at, updated_at, simulated, search_id, answer, waiting_node_id, waiting_kind, answer_event_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING`;
const insertCall = preparedFor((db) => db.$client.prepare<unknown[]>(INSERT_CALL));
// The next search id after the largest stored: one step down the search_id index.
const nextSearchId = preparedFor((db) => db.$client.prepare<[], number>('SELECT coalesce(max(search_id), 0) + 1 FROM calls').pluck());
const callByUuid = preparedFor((db) => db.select().from(calls).where(eq(calls.uuid, sql.placeholder('uuid'))).prepare());
const answerByUuid = preparedFor((db) =>
  db.$client.prepare<[string], { state: string | null; answer: string | null; answerEventId: number | null }>(
    'SELECT state, answer, answer_event_id AS answerEventId FROM calls WHERE uuid = ?',
  ),
);
const updateAnswer = preparedFor((db) =>
  db.$client.prepare('UPDATE calls SET state = ?, answer = ?, updated_at = ? WHERE uuid = ? AND answer IS NULL'),
);
const updateState = preparedFor((db) => db.$client.prepare('UPDATE calls SET state = ?, status = coalesce(?, status), updated_at = ? WHERE uuid = ?'));
const continuationByHash = preparedFor((db) =>
  db.select({ callUuid: continuations.callUuid, response: continuations.response }).from(continuations).where(eq(continuations.tokenHash, sql.placeholder('hash'))).prepare(),
);
const continuationExists = preparedFor((db) => db.$client.prepare<[string], { found: number }>('SELECT 1 AS found FROM continuations WHERE token_hash = ?'));
const insertContinuation = preparedFor((db) =>
  db.$client.prepare('INSERT INTO continuations (token_hash, call_uuid, response, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING'),
);

/** A JSON column's stored text, as drizzle's json mode writes it (null stays NULL). */
const jsonText = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Starts a call; if its uuid is already stored (a retried answer webhook), returns that row unchanged. */
export function createCall(db: Db, call: NewCall, now = new Date()): CallRow {
  startCall(db, call, now);
  return mustGetCall(db, call.uuid);
}

/**
 * Starts a call without reading it back: true when this insert stored it (then the row holds exactly `call`),
 * false when its uuid was already stored (a retried answer webhook; its row is unchanged). The answer
 * webhook needs only the stored state, which it built itself whenever the insert lands.
 */
export function startCall(db: Db, call: NewCall, now = new Date()): boolean {
  return insertAndIndex(db, call, now, null);
}

/**
 * What starting an answered call came to: the NCCO to answer with, and whether this insert stored the call
 * (with its answerEventId). When another delivery of the same answer webhook stored the call first (Vonage
 * retries on a timeout), `answer` is that delivery's and `started` is false.
 */
export type StartedCall = { answer: Ncco; started: boolean };

/**
 * Starts a call the answer webhook has already run, with the state it left the call in and the NCCO it
 * answered with, in one insert.
 */
export function startAnsweredCall(db: Db, call: NewCall, answer: Ncco, now = new Date()): StartedCall {
  return startAnswered(db, call, answer, now);
}

const startAnswered = atomic((db: Db, call: NewCall, answer: Ncco, now: Date): StartedCall => {
  if (insertAndIndex(db, call, now, answer)) return { answer, started: true };
  return { answer: saveCallAnswer(db, call.uuid, call.state, answer, now), started: false };
});

/**
 * What the answer webhook stored for a call: its state, its NCCO (null until it answered) and the event of the
 * request it answered, when the call row names it. Null: no such call.
 */
export type StoredAnswer = { state: unknown; answer: Ncco | null; answerEventId: number | null };

export function storedAnswer(db: Db, uuid: string): StoredAnswer | null {
  const row = answerByUuid(db).get(uuid);
  if (!row) return null;
  return {
    state: row.state === null ? null : JSON.parse(row.state),
    answer: row.answer === null ? null : NccoSchema.parse(JSON.parse(row.answer)),
    answerEventId: row.answerEventId,
  };
}

/**
 * Stores the state and answer of a call stored without an answer (its answer webhook failed before it
 * answered, or this delivery raced another); returns whichever answer is stored: the first one stored stays,
 * with the state it left the call in.
 */
export const saveCallAnswer = atomic((db: Db, uuid: string, state: unknown, answer: Ncco, now: Date): Ncco => {
  updateAnswer(db).run(jsonText(state), nccoJson(answer), now.getTime(), uuid);
  return storedAnswer(db, uuid)?.answer ?? answer;
});

/**
 * The id is read, then written, in one transaction (so no other writer takes it in between). Not as
 * `RETURNING` from the insert: SQLite runs RETURNING as a trigger, and a statement with a trigger copies
 * every page it touches to a statement journal first (the call's row and its eight indexes).
 */
const insertAndIndex = atomic((db: Db, call: NewCall, now: Date, answer: Ncco | null): boolean => {
  const searchId = nextSearchId(db).get()!;
  const inserted = insertCall(db).run(
    call.uuid, call.conversationUuid, call.from, call.to, call.number, call.flowId ?? null, call.versionId ?? null,
    call.draftSnapshotId ?? null, jsonText(call.state), call.status, now.getTime(), now.getTime(), call.simulated ? 1 : 0, searchId,
    answer === null ? null : nccoJson(answer), call.waitingNodeId ?? null, call.waitingKind ?? null, call.answerEventId ?? null,
  );
  if (inserted.changes === 0) return false;
  noteNewCall(db, searchId);
  return true;
});

export function getCall(db: Db, uuid: string): CallRow | null {
  return callByUuid(db).get({ uuid }) ?? null;
}

/** Stores a call's runtime state (and status, when given); false when there is no such call. */
export function saveCallState(db: Db, uuid: string, state: unknown, status?: string, now = new Date()): boolean {
  return updateState(db).run(jsonText(state), status ?? null, now.getTime(), uuid).changes > 0;
}

/** What a continuation URL was answered with: an NCCO, or null for an empty 200. */
export type StoredContinuation = { callUuid: string; response: Ncco | null };

/** The answer already given for a continuation token (by its hash), or null when it is the first request. */
export function findContinuation(db: Db, tokenHash: string): StoredContinuation | null {
  // A first delivery (nearly every one) is answered by the plain probe, without the row's mapping.
  if (!continuationExists(db).get(tokenHash)) return null;
  const row = continuationByHash(db).get({ hash: tokenHash });
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
  // The NCCO was just built and validated by the runtime: when it lands, it is what is stored.
  if (insertContinuation(db).run(tokenHash, callUuid, jsonText(response), now.getTime()).changes > 0) return { callUuid, response };
  const stored = findContinuation(db, tokenHash);
  if (!stored) throw new Error(`continuation ${tokenHash} conflicted but is not stored`);
  return stored;
}

/**
 * Stores the state a webhook answer left its call in and the answer itself, atomically (lib/atomic.ts);
 * returns whichever answer is stored, as saveContinuation does.
 */
export function saveAnswer(db: Db, callUuid: string, state: unknown, tokenHash: string, response: Ncco | null, now = new Date()): StoredContinuation {
  return saveStateAndAnswer(db, callUuid, state, tokenHash, response, now);
}

const saveStateAndAnswer = atomic((db: Db, callUuid: string, state: unknown, tokenHash: string, response: Ncco | null, now: Date) => {
  saveCallState(db, callUuid, state, undefined, now);
  return saveContinuation(db, tokenHash, callUuid, response, now);
});

function mustGetCall(db: Db, uuid: string): CallRow {
  const call = getCall(db, uuid);
  if (!call) throw new Error(`call ${uuid} conflicted but is not stored`);
  return call;
}

/** Stored NCCOs passed NccoSchema when served; one that fails now is corrupt storage, so this throws. */
function toContinuation(row: { callUuid: string; response: unknown }): StoredContinuation {
  return { callUuid: row.callUuid, response: NccoSchema.nullable().parse(row.response) };
}
