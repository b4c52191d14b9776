import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { ON_CALL_INDEXES, webhookEvents } from '@/db/schema';

/** The events the call and Conversation indexes hold (db/schema.ts): a query on those keys names it as it is. */
export const onCallIndexes: SQL = sql.raw(ON_CALL_INDEXES);

/**
 * The events of one call: those stored under its uuid, through the (call_uuid, id) index, and its answer
 * request's, which that index leaves out and its calls row names (calls.answer_event_id).
 */
export function ofCall(callUuid: string): SQL {
  const answerEventId = sql`(SELECT answer_event_id FROM calls WHERE uuid = ${callUuid})`;
  return or(and(eq(webhookEvents.callUuid, callUuid), onCallIndexes), eq(webhookEvents.id, answerEventId))!;
}
