import type { WebhookSource } from '@/db/schema';

/**
 * What an event tells us about its call, applied to the call's row when the event is first stored (never for
 * a retried delivery), so the calls page reads one row per call (lib/calls/facts.ts).
 */
export type CallEffect =
  /** A leg's status: it changes the call only when the leg is the call's own (not a connected leg). */
  | { type: 'leg-status'; legUuid: string; status: string; endedAt: Date | null; duration: number | null }
  /** Where the last webhook answer left the call waiting (a Menu's input, a Connect), or null. */
  | { type: 'waiting'; nodeId: string | null; kind: string | null }
  | { type: 'voicemail' }
  | { type: 'transferred' }
  | { type: 'failed'; reason: string };

/**
 * One event to append to the log. The recorder correlates it with its call (through `callUuid`, the leg,
 * or the Conversation) and fills in the flow and the simulated marker from that call.
 */
export type EventInput = {
  source: WebhookSource;
  /** What happened, namespaced by source: `voice:answered`, `rtc:member:joined`, `input`, `runtime:enter`… */
  type: string;
  /** The Switchboard call this belongs to, when the sender knows it (a continuation token names it). */
  callUuid?: string | null;
  /** The leg the payload names (`uuid`, or `call_uuid` on human/machine). */
  legUuid?: string | null;
  conversationUuid: string | null;
  status: string | null;
  nodeId?: string | null;
  /** Identifies one delivery across Vonage's retries; null stores every delivery. */
  dedupeKey: string | null;
  /** The raw request body (a GET's query string), redacted where a sensitive node requires it. */
  payload: string;
  parsedOk: boolean;
  problem: string | null;
  /** The number that was called: routes events that arrive before the answer webhook to the number's flow. */
  calledNumber?: string | null;
  effect?: CallEffect;
  /** How many event ids the row takes: a trace row takes one per step (lib/events/trace-row.ts). */
  span?: number;
  /**
   * The runtime steps this request's answer took (tracePayload's JSON, redacted), stored on its row and read
   * back as events after it; `span` then counts the request and its steps (lib/events/trace-row.ts).
   */
  trace?: string;
  /** The id reserved for this row (record.ts reserveEventId), when a row stored before it names it. */
  reservedId?: number;
};

/** Statuses after which a leg is over (reference.md §3). */
export const FINAL_LEG_STATUSES = ['completed', 'busy', 'cancelled', 'unanswered', 'rejected', 'failed', 'timeout'] as const;

/** Final statuses that mean the leg never became a conversation. */
export const FAILED_LEG_STATUSES = ['busy', 'cancelled', 'unanswered', 'rejected', 'failed', 'timeout'] as const;

export function isFinalLegStatus(status: string): boolean {
  return (FINAL_LEG_STATUSES as readonly string[]).includes(status);
}

export function isFailedLegStatus(status: string): boolean {
  return (FAILED_LEG_STATUSES as readonly string[]).includes(status);
}
