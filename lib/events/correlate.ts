import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { calls, numbers, simulatedCalls, webhookEvents } from '@/db/schema';
import { preparedFor } from '@/lib/prepared';
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
const UUID = sql.placeholder('uuid');
const CONVERSATION = sql.placeholder('conversation');

// Prepared once per database: correlation runs for every event, several times per webhook.
const callByUuid = preparedFor((db) => db.select(callColumns).from(calls).where(eq(calls.uuid, UUID)).prepare());
const callByConversation = preparedFor((db) =>
  db.select(callColumns).from(calls).where(eq(calls.conversationUuid, CONVERSATION)).orderBy(calls.startedAt).limit(1).prepare(),
);
const earlierCall = preparedFor((db) =>
  db
    .select({ callUuid: webhookEvents.callUuid })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.conversationUuid, CONVERSATION), isNotNull(webhookEvents.callUuid)))
    .orderBy(desc(webhookEvents.id))
    .limit(1)
    .prepare(),
);
const flowByNumber = preparedFor((db) => db.select({ flowId: numbers.flowId }).from(numbers).where(eq(numbers.number, sql.placeholder('number'))).prepare());
const simulatedByUuid = preparedFor((db) => db.select({ uuid: simulatedCalls.uuid }).from(simulatedCalls).where(eq(simulatedCalls.uuid, UUID)).prepare());

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
  return callByUuid(db).get({ uuid }) ?? null;
}

function byConversation(db: Db, conversationUuid: string | null): CorrelatedCall | null {
  if (!conversationUuid) return null;
  return callByConversation(db).get({ conversation: conversationUuid }) ?? null;
}

function earlierCallOf(db: Db, conversationUuid: string | null): string | null {
  if (!conversationUuid) return null;
  return earlierCall(db).get({ conversation: conversationUuid })?.callUuid ?? null;
}

function flowOfNumber(db: Db, number: string | null | undefined): string | null {
  if (!number) return null;
  return flowByNumber(db).get({ number })?.flowId ?? null;
}

/** The call simulator keeps its calls apart, keyed by uuid; their events are marked simulated from the first. */
function isSimulated(db: Db, uuid: string): boolean {
  return simulatedByUuid(db).get({ uuid }) !== undefined;
}
