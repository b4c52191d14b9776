import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls, numbers, simulatedCalls, webhookEvents } from '@/db/schema';
import type { EventInput } from './types';

export type CorrelatedCall = { uuid: string; conversationUuid: string; flowId: string | null; simulated: boolean };

/** Who an event belongs to: the call (when known), its flow, and whether the call is simulated. */
export type Correlation = {
  callUuid: string | null;
  call: CorrelatedCall | null;
  flowId: string | null;
  simulated: boolean;
};

const callColumns = { uuid: calls.uuid, conversationUuid: calls.conversationUuid, flowId: calls.flowId, simulated: calls.simulated };

/**
 * Ties an event to its Switchboard call, so a call's legs and its Conversation read as one story: the call
 * the sender named, else the call whose own leg this is, else the call of its Conversation (a connected
 * leg, a recording, an RTC event), else whichever call earlier events of that Conversation belonged to (a
 * leg transferred to a new Conversation). An event before the answer webhook keeps its leg uuid (for an
 * inbound leg that is the call's uuid) and finds its flow through the number called.
 */
export function correlate(db: Db, input: EventInput): Correlation {
  const call =
    byUuid(db, input.callUuid) ??
    byUuid(db, input.legUuid) ??
    byConversation(db, input.conversationUuid) ??
    byUuid(db, earlierCallOf(db, input.conversationUuid));
  if (call) return { callUuid: call.uuid, call, flowId: call.flowId, simulated: call.simulated || isSimulated(db, call.uuid) };
  const callUuid = input.callUuid ?? input.legUuid ?? earlierCallOf(db, input.conversationUuid);
  return { callUuid, call: null, flowId: flowOfNumber(db, input.calledNumber), simulated: callUuid !== null && isSimulated(db, callUuid) };
}

function byUuid(db: Db, uuid: string | null | undefined): CorrelatedCall | null {
  if (!uuid) return null;
  return db.select(callColumns).from(calls).where(eq(calls.uuid, uuid)).get() ?? null;
}

function byConversation(db: Db, conversationUuid: string | null): CorrelatedCall | null {
  if (!conversationUuid) return null;
  return db.select(callColumns).from(calls).where(eq(calls.conversationUuid, conversationUuid)).orderBy(calls.startedAt).limit(1).get() ?? null;
}

function earlierCallOf(db: Db, conversationUuid: string | null): string | null {
  if (!conversationUuid) return null;
  const row = db
    .select({ callUuid: webhookEvents.callUuid })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.conversationUuid, conversationUuid), isNotNull(webhookEvents.callUuid)))
    .orderBy(desc(webhookEvents.id))
    .limit(1)
    .get();
  return row?.callUuid ?? null;
}

function flowOfNumber(db: Db, number: string | null | undefined): string | null {
  if (!number) return null;
  return db.select({ flowId: numbers.flowId }).from(numbers).where(eq(numbers.number, number)).get()?.flowId ?? null;
}

/** The call simulator keeps its calls apart, keyed by uuid; their events are marked simulated from the first. */
function isSimulated(db: Db, uuid: string): boolean {
  return db.select({ uuid: simulatedCalls.uuid }).from(simulatedCalls).where(eq(simulatedCalls.uuid, uuid)).get() !== undefined;
}
