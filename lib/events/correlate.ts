import type { Db } from '@/db/client';
import { ON_CALL_INDEXES } from '@/db/schema';
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

/** A calls row as SQLite hands it back: `simulated` is 0 or 1. */
type CallRecord = Omit<CorrelatedCall, 'simulated'> & { simulated: number };
const CALL_COLUMNS = 'uuid, conversation_uuid AS conversationUuid, flow_id AS flowId, simulated';

/**
 * The call the latest event of a Conversation belongs to (exported for its query plan). Calls' answer requests
 * are not in the Conversation index: their Conversation is their call's own, which `byConversation` finds first.
 */
export const EARLIER_CALL = `SELECT call_uuid AS callUuid FROM webhook_events
  WHERE conversation_uuid = ? AND ${ON_CALL_INDEXES} AND call_uuid IS NOT NULL ORDER BY id DESC LIMIT 1`;

// Plain statements prepared once per database: correlation runs for every event, several times per webhook,
// and a query builder's per-call mapping cost more than these index lookups.
const statements = preparedFor((db) => ({
  callByUuid: db.$client.prepare<[string], CallRecord>(`SELECT ${CALL_COLUMNS} FROM calls WHERE uuid = ?`),
  callByConversation: db.$client.prepare<[string], CallRecord>(
    `SELECT ${CALL_COLUMNS} FROM calls WHERE conversation_uuid = ? ORDER BY started_at LIMIT 1`,
  ),
  earlierCall: db.$client.prepare<[string], { callUuid: string }>(EARLIER_CALL),
  flowByNumber: db.$client.prepare<[string], { flowId: string | null }>('SELECT flow_id AS flowId FROM numbers WHERE number = ?'),
  simulatedByUuid: db.$client.prepare<[string], { uuid: string }>('SELECT uuid FROM simulated_calls WHERE uuid = ?'),
}));

const toCall = (record: CallRecord | undefined): CorrelatedCall | null => (record ? { ...record, simulated: record.simulated === 1 } : null);

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
  return toCall(statements(db).callByUuid.get(uuid));
}

function byConversation(db: Db, conversationUuid: string | null): CorrelatedCall | null {
  if (!conversationUuid) return null;
  return toCall(statements(db).callByConversation.get(conversationUuid));
}

function earlierCallOf(db: Db, conversationUuid: string | null): string | null {
  if (!conversationUuid) return null;
  return statements(db).earlierCall.get(conversationUuid)?.callUuid ?? null;
}

function flowOfNumber(db: Db, number: string | null | undefined): string | null {
  if (!number) return null;
  return statements(db).flowByNumber.get(number)?.flowId ?? null;
}

/** The call simulator keeps its calls apart, keyed by uuid; their events are marked simulated from the first. */
function isSimulated(db: Db, uuid: string): boolean {
  return statements(db).simulatedByUuid.get(uuid) !== undefined;
}
