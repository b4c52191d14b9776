import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { webhookEvents, type CallRow, type WebhookEventRow } from '@/db/schema';
import { preparedFor } from '@/lib/prepared';
import { ofCall, onCallIndexes } from './of-call';
import { expandEvents, firstIdOf } from './trace-row';

export const EVENT_PAGE_SIZE = 100;
/** A call's story longer than this is cut (a looping flow); the newest events are what was cut. */
export const CALL_EVENTS_LIMIT = 2000;

/** Which events a reader wants: one flow's, one call's, or all; `before` pages back by id. */
export const EventFilterSchema = z.object({
  flowId: z.string().trim().min(1).max(200).optional(),
  callUuid: z.string().trim().min(1).max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(EVENT_PAGE_SIZE),
});
export type EventFilter = z.infer<typeof EventFilterSchema>;

function filterConditions(filter: Pick<EventFilter, 'flowId' | 'callUuid'>): SQL[] {
  const conditions: SQL[] = [];
  if (filter.flowId) conditions.push(eq(webhookEvents.flowId, filter.flowId));
  if (filter.callUuid) conditions.push(ofCall(filter.callUuid));
  return conditions;
}

/**
 * Newest first, walking the (flow_id, id) index backwards, or a call's own events by index and its answer's by
 * id (exported for its query plan).
 */
export function eventsQuery(db: Db, filter: EventFilter) {
  const conditions = filterConditions(filter);
  if (filter.before) conditions.push(lt(webhookEvents.id, filter.before));
  return db.select().from(webhookEvents).where(and(...conditions)).orderBy(desc(webhookEvents.id)).limit(filter.limit);
}

/**
 * Newest first, a page of events (a trace row is its steps). Paging back `before` an id that falls inside a
 * trace's block of ids, that trace's earlier steps come first: its row's own id is past the cursor.
 */
export function listEvents(db: Db, filter: EventFilter): WebhookEventRow[] {
  const straddling = filter.before ? rowSpanning(db, filter.before - 1, filter) : null;
  const events = expandEvents(straddling ? [straddling, ...eventsQuery(db, filter).all()] : eventsQuery(db, filter).all());
  return events
    .filter((event) => !filter.before || event.id < filter.before)
    .sort((a, b) => b.id - a.id)
    .slice(0, filter.limit);
}

/** The trace row whose block holds `id` while its own id is past it, if it matches the filter. */
function rowSpanning(db: Db, id: number, filter: Pick<EventFilter, 'flowId' | 'callUuid'>): WebhookEventRow | null {
  // Blocks never overlap: only the first row after `id` can hold it.
  const next = db.select().from(webhookEvents).where(gt(webhookEvents.id, id)).orderBy(asc(webhookEvents.id)).limit(1).get();
  if (!next || firstIdOf(next) > id) return null;
  const matches = (!filter.flowId || next.flowId === filter.flowId) && (!filter.callUuid || next.callUuid === filter.callUuid);
  return matches ? next : null;
}

/** Events stored after `afterId`, oldest first: what a reconnecting stream missed. */
export function eventsAfter(db: Db, afterId: number, filter: Pick<EventFilter, 'flowId' | 'callUuid'>, limit: number): WebhookEventRow[] {
  const rows = db
    .select()
    .from(webhookEvents)
    .where(and(gt(webhookEvents.id, afterId), ...filterConditions(filter)))
    .orderBy(asc(webhookEvents.id))
    .limit(limit)
    .all();
  // Every row yields an event past `afterId` (a row's own id is its block's last), so `limit` rows are enough.
  return expandEvents(rows)
    .filter((event) => event.id > afterId)
    .slice(0, limit);
}

/** The stored rows with these ids, oldest first, a trace row as itself (the ids bridge.ts posts). */
export function rowsWithIds(db: Db, ids: readonly number[]): WebhookEventRow[] {
  if (ids.length === 0) return [];
  // One rowid range rather than a bound parameter per id, which a busy turn could push past SQLite's limit.
  const wanted = new Set(ids);
  let first = Infinity;
  let last = -Infinity;
  for (const id of ids) {
    if (id < first) first = id;
    if (id > last) last = id;
  }
  return rowsBetween(db).all({ first, last }).filter((row) => wanted.has(row.id));
}

// Prepared once per database: the live streams read back every batch the webhooks commit while someone watches.
const rowsBetween = preparedFor((db) =>
  db
    .select()
    .from(webhookEvents)
    .where(and(gte(webhookEvents.id, sql.placeholder('first')), lte(webhookEvents.id, sql.placeholder('last'))))
    .orderBy(asc(webhookEvents.id))
    .prepare(),
);

/**
 * A call's story in the order Switchboard received it: events correlated with the call, and every event of
 * the Conversations it took part in (its own, and any a leg was transferred to), which is where the
 * connected legs' and the Conversation's events are.
 */
export function eventsOfCall(db: Db, call: Pick<CallRow, 'uuid' | 'conversationUuid'>): WebhookEventRow[] {
  const conversations = new Set([call.conversationUuid]);
  const seen = db
    .selectDistinct({ conversationUuid: webhookEvents.conversationUuid })
    .from(webhookEvents)
    // The call's answer request, which this index leaves out, is in the call's own Conversation.
    .where(and(eq(webhookEvents.callUuid, call.uuid), onCallIndexes, isNotNull(webhookEvents.conversationUuid)))
    .all();
  for (const row of seen) if (row.conversationUuid) conversations.add(row.conversationUuid);
  return expandEvents(callEventsQuery(db, call.uuid, [...conversations]).all()).slice(0, CALL_EVENTS_LIMIT);
}

/** The story query: each key is indexed (the answer's id too), so SQLite reads each range and merges them. */
export function callEventsQuery(db: Db, callUuid: string, conversations: string[]) {
  return db
    .select()
    .from(webhookEvents)
    .where(or(ofCall(callUuid), and(inArray(webhookEvents.conversationUuid, conversations), onCallIndexes)))
    .orderBy(asc(webhookEvents.id))
    .limit(CALL_EVENTS_LIMIT);
}
