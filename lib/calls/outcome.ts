/**
 * How a call ended, in one word for the calls page. The rules (README "Call outcomes"), first match wins:
 * 1. failed: the caller was served the apology (the flow could not run), Vonage reported an error for the
 *    call, or the call's own leg ended busy, cancelled, unanswered, rejected, failed or timed out;
 * 2. voicemail: a Record node's recording arrived for the call (even before the call's end is reported);
 * 3. in progress: the call's own leg has not ended yet;
 * 4. transferred: a Connect was answered by the number (or app, SIP…) it rang, or a leg was transferred;
 * 5. abandoned: the call ended while waiting for the caller at a Menu or Collect digits node;
 * 6. completed: any other call that ended.
 */
export const CALL_OUTCOMES = ['failed', 'voicemail', 'in_progress', 'transferred', 'abandoned', 'completed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  failed: 'Failed',
  voicemail: 'Voicemail left',
  in_progress: 'In progress',
  transferred: 'Transferred',
  abandoned: 'Abandoned in menu',
  completed: 'Completed',
};

/** What the call's events established (lib/calls/facts.ts keeps these on the call's row). */
export type CallFacts = {
  endedAt: Date | null;
  failure: string | null;
  voicemail: boolean;
  transferred: boolean;
  /** The kind of node the call was last left waiting at, if any. */
  waitingKind: string | null;
};

/** Kinds where a caller who hangs up has abandoned the menu. */
const CALLER_CHOICE_KINDS = new Set(['menu', 'collect']);

export function callOutcome(facts: CallFacts): CallOutcome {
  if (facts.failure !== null) return 'failed';
  if (facts.voicemail) return 'voicemail';
  if (facts.endedAt === null) return 'in_progress';
  if (facts.transferred) return 'transferred';
  if (facts.waitingKind !== null && CALLER_CHOICE_KINDS.has(facts.waitingKind)) return 'abandoned';
  return 'completed';
}
