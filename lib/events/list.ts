import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { webhookEvents, type CallRow, type WebhookEventRow } from '@/db/schema';

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
  if (filter.callUuid) conditions.push(eq(webhookEvents.callUuid, filter.callUuid));
  return conditions;
}

/** Newest first, walking the (flow_id, id) or (call_uuid, id) index backwards (exported for its query plan). */
export function eventsQuery(db: Db, filter: EventFilter) {
  const conditions = filterConditions(filter);
  if (filter.before) conditions.push(lt(webhookEvents.id, filter.before));
  return db.select().from(webhookEvents).where(and(...conditions)).orderBy(desc(webhookEvents.id)).limit(filter.limit);
}

export function listEvents(db: Db, filter: EventFilter): WebhookEventRow[] {
  return eventsQuery(db, filter).all();
}

/** Events stored after `afterId`, oldest first: what a reconnecting stream missed. */
export function eventsAfter(db: Db, afterId: number, filter: Pick<EventFilter, 'flowId' | 'callUuid'>, limit: number): WebhookEventRow[] {
  return db
    .select()
    .from(webhookEvents)
    .where(and(gt(webhookEvents.id, afterId), ...filterConditions(filter)))
    .orderBy(asc(webhookEvents.id))
    .limit(limit)
    .all();
}

/** The events with these ids, oldest first (ids the server's main thread committed; lib/events/bridge.ts). */
export function eventsByIds(db: Db, ids: readonly number[]): WebhookEventRow[] {
  if (ids.length === 0) return [];
  // One rowid range rather than a bound parameter per id, which a busy turn could push past SQLite's limit.
  const wanted = new Set(ids);
  const [first, last] = ids.reduce(([low, high], id) => [Math.min(low, id), Math.max(high, id)], [Infinity, -Infinity]);
  const rows = db
    .select()
    .from(webhookEvents)
    .where(and(gte(webhookEvents.id, first), lte(webhookEvents.id, last)))
    .orderBy(asc(webhookEvents.id))
    .all();
  return rows.filter((row) => wanted.has(row.id));
}

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
    .where(and(eq(webhookEvents.callUuid, call.uuid), isNotNull(webhookEvents.conversationUuid)))
    .all();
  for (const row of seen) if (row.conversationUuid) conversations.add(row.conversationUuid);
  return callEventsQuery(db, call.uuid, [...conversations]).all();
}

/** The story query: both keys are indexed, so SQLite reads the two index ranges and merges them. */
export function callEventsQuery(db: Db, callUuid: string, conversations: string[]) {
  return db
    .select()
    .from(webhookEvents)
    .where(or(eq(webhookEvents.callUuid, callUuid), inArray(webhookEvents.conversationUuid, conversations)))
    .orderBy(asc(webhookEvents.id))
    .limit(CALL_EVENTS_LIMIT);
}
