import type { Db } from '@/db/client';
import type { WebhookEventRow } from '@/db/schema';
import { applyCallEffect } from '@/lib/calls/facts';
import { atomic } from '@/lib/atomic';
import { afterCommit } from '@/lib/group-commit';
import { preparedFor } from '@/lib/prepared';
import { eventBus, type EventBus } from './bus';
import { correlate, type CorrelatedCall, type Correlation } from './correlate';
import type { EventInput } from './types';

export type RecordDeps = { db: Db; now: () => Date; bus?: EventBus };

/** `row` is the stored event, or null when this delivery repeated one already stored (a Vonage retry). */
export type Recorded = { stored: boolean; row: WebhookEventRow | null };

/**
 * Appends events to the log in one transaction: each is correlated with its call, stored unless its
 * dedupe key is already there, and its effect applied to the call. Only after the commit (of the caller's
 * transaction or group, when there is one) do the live streams hear of them, so a stream never shows an
 * event the database does not hold.
 */
export function recordEvents(deps: RecordDeps, inputs: readonly EventInput[], known?: CorrelatedCall): Recorded[] {
  const { db } = deps;
  const results = storeAll(db, inputs, deps.now(), known);
  const stored = results.flatMap((result) => (result.row ? [result.row] : []));
  if (stored.length > 0) {
    const bus = deps.bus ?? eventBus();
    afterCommit(db, () => bus.publish(stored));
  }
  return results;
}

/**
 * One event. `known` is the call it belongs to when the caller has that at hand (the answer webhook, which
 * just started the call): events naming that call's uuid are then not looked up.
 */
export function recordEvent(deps: RecordDeps, input: EventInput, known?: CorrelatedCall): Recorded {
  return recordEvents(deps, [input], known)[0];
}

/**
 * The events of one call to recordEvents, atomically (lib/atomic.ts): their correlating reads, inserts and
 * effects on the call together.
 */
const storeAll = atomic((db: Db, inputs: readonly EventInput[], now: Date, known: CorrelatedCall | undefined): Recorded[] => {
  const memo: CorrelationMemo = new Map();
  if (known) memo.set(known.uuid, { callUuid: known.uuid, call: known, flowId: known.flowId, simulated: known.simulated });
  return inputs.map((input) => storeEvent(db, input, now, memo));
});

/** Correlations already made in one transaction, by the call uuid the sender named (a call's trace steps). */
export type CorrelationMemo = Map<string, Correlation>;

const EVENT_COLUMNS = `source, type, call_uuid, leg_uuid, conversation_uuid, flow_id, node_id, status, simulated, dedupe_key, payload,
  parsed_ok, problem, received_at, trace`;
const EVENT_VALUES = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';
// The largest id AUTOINCREMENT has handed out (0 before the first event): ids taken past it are never reused.
const LAST_EVENT_ID = "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'webhook_events'), 0)";
// A repeated key stores nothing. The unique index holds keyed rows only (db/schema.ts): the clause names its
// condition, as SQLite requires of a partial index.
const SKIP_REPEATS = 'ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING';
// Prepared once per database: every webhook appends events, and building the statement cost more than running it.
const insertEvent = preparedFor((db) =>
  db.$client.prepare<unknown[]>(`INSERT INTO webhook_events (${EVENT_COLUMNS}) VALUES (${EVENT_VALUES}) ${SKIP_REPEATS}`),
);
/**
 * A row spanning several event ids (a trace, or a request with its trace: trace-row.ts) takes the last of them: AUTOINCREMENT never hands
 * out an id at or below the largest one it handed out, so the ones skipped stay the trace's steps'.
 */
const insertSpanned = preparedFor((db) =>
  db.$client.prepare<unknown[]>(
    `INSERT INTO webhook_events (id, ${EVENT_COLUMNS})
     VALUES (${LAST_EVENT_ID} + ?, ${EVENT_VALUES})
     ${SKIP_REPEATS}`,
  ),
);

/** A row stored under the id reserved for it (reserveEventId); a row spanning several ids leaves those before it to its steps. */
const insertReserved = preparedFor((db) =>
  db.$client.prepare<unknown[]>(`INSERT INTO webhook_events (id, ${EVENT_COLUMNS}) VALUES (?, ${EVENT_VALUES}) ${SKIP_REPEATS}`),
);
const lastEventId = preparedFor((db) =>
  db.$client.prepare<[], number>(`SELECT ${LAST_EVENT_ID}`).pluck(),
);

/**
 * The id of the next event stored here that spans `span` ids, for a row something else must name before it is
 * stored (a new call's row names its answer request's event). Holds until another event is stored: store this
 * one first, as `reservedId`, in the same transaction.
 */
export function reserveEventId(db: Db, span = 1): number {
  return lastEventId(db).get()! + span;
}

/** Stores one event (unless its dedupe key is already stored) and applies its effect; call inside a transaction. */
export function storeEvent(db: Db, input: EventInput, now: Date, memo: CorrelationMemo = new Map()): Recorded {
  const known = input.callUuid ? memo.get(input.callUuid) : undefined;
  const correlation = known ?? correlate(db, input);
  // A call's own uuid, once found, correlates the same way for the rest of the transaction.
  if (!known && input.callUuid && correlation.call?.uuid === input.callUuid) memo.set(input.callUuid, correlation);
  const { callUuid, call, flowId, simulated } = correlation;
  // The id is the insert's; filled in below rather than spread into a copy (every event is built once here).
  const row: WebhookEventRow = {
    id: 0,
    source: input.source,
    type: input.type,
    callUuid,
    legUuid: input.legUuid ?? null,
    conversationUuid: input.conversationUuid ?? call?.conversationUuid ?? null,
    flowId,
    nodeId: input.nodeId ?? null,
    status: input.status,
    simulated,
    dedupeKey: input.dedupeKey,
    payload: input.payload,
    parsedOk: input.parsedOk,
    problem: input.problem,
    receivedAt: now,
    trace: input.trace ?? null,
  };
  const span = input.span ?? 1;
  const values = [
    row.source, row.type, row.callUuid, row.legUuid, row.conversationUuid, row.flowId, row.nodeId, row.status,
    row.simulated ? 1 : 0, row.dedupeKey, row.payload, row.parsedOk ? 1 : 0, row.problem, now.getTime(), row.trace,
  ];
  const inserted =
    input.reservedId !== undefined
      ? insertReserved(db).run(input.reservedId, ...values)
      : span > 1
        ? insertSpanned(db).run(span, ...values)
        : insertEvent(db).run(...values);
  // No change: the dedupe key was already stored (a retried delivery).
  if (inserted.changes === 0) return { stored: false, row: null };
  if (call && input.effect) applyCallEffect(db, call.uuid, input.effect, now);
  row.id = Number(inserted.lastInsertRowid);
  return { stored: true, row };
}
