import type { TraceStep } from '@/lib/runtime/engine';
import { NO_SECRETS, redactStep, type Secrets } from './redact';
import type { EventInput } from './types';

/** The call and the webhook answer a trace belongs to; `key` is unique per answer (its continuation key). */
export type TraceContext = { callUuid: string; conversationUuid: string | null; key: string; secrets?: Secrets };

/**
 * The runtime's steps for one webhook answer as event-log entries, in order: node entered, branch taken
 * with the value that decided it, variables set, HTTP requests (URL, status, duration), waits, ends, notes
 * and errors. Keyed by the answer and the step's position, so an answer recorded twice (two deliveries
 * racing) is stored once. `answered` says whether the webhook answered with an NCCO (not an empty 200):
 * only then did the call move, and the wait it ends in (if any) is where the call now waits.
 */
export function traceEvents(trace: readonly TraceStep[], context: TraceContext, answered: boolean): EventInput[] {
  const secrets = context.secrets ?? NO_SECRETS;
  const kinds = new Map(trace.flatMap((step) => (step.type === 'enter' ? [[step.nodeId, step.kind] as const] : [])));
  const inputs = trace.map((raw, index): EventInput => {
    const step = redactStep(raw, secrets);
    return {
      source: 'runtime',
      type: `runtime:${step.type}`,
      callUuid: context.callUuid,
      conversationUuid: context.conversationUuid,
      nodeId: step.nodeId,
      status: statusOf(step),
      dedupeKey: `runtime:${context.key}:${index}`,
      payload: JSON.stringify(step),
      parsedOk: true,
      problem: step.type === 'error' ? step.message : null,
      effect: step.type === 'error' ? { type: 'failed', reason: step.message } : undefined,
    };
  });
  const last = inputs.at(-1);
  // An error step's failure is its effect; a webhook that failed served the apology and moved nothing.
  if (answered && last && !last.effect) {
    const wait = trace.find((step) => step.type === 'wait');
    last.effect = { type: 'waiting', nodeId: wait?.nodeId ?? null, kind: wait ? (kinds.get(wait.nodeId) ?? null) : null };
  }
  return inputs;
}

/** A short machine-readable detail per step: the kind entered, the handle taken, the HTTP status. */
function statusOf(step: TraceStep): string | null {
  switch (step.type) {
    case 'enter':
      return step.kind;
    case 'decision':
      return step.handle;
    case 'http':
      return step.status === null ? (step.failure ?? 'failed') : String(step.status);
    case 'end':
      return step.reason;
    case 'error':
      return step.code;
    case 'vars':
    case 'defer':
    case 'goto':
    case 'wait':
    case 'note':
      return null;
    default:
      return step satisfies never;
  }
}

export type ApologyContext = {
  callUuid: string | null;
  legUuid: string | null;
  conversationUuid: string | null;
  /** The answer it replaced (see TraceContext); null when the request named no call to key it by. */
  key: string | null;
  /** Why the caller got the apology instead of the flow. */
  reason: string;
  code: string;
  text: string;
};

/** The apology a caller was served instead of the flow: an event, and the call's failure. */
export function apologyEvent(context: ApologyContext): EventInput {
  return {
    source: 'runtime',
    type: 'runtime:apology',
    callUuid: context.callUuid,
    legUuid: context.legUuid,
    conversationUuid: context.conversationUuid,
    status: context.code,
    dedupeKey: context.key === null ? null : `runtime:${context.key}:apology`,
    payload: JSON.stringify({ type: 'apology', code: context.code, reason: context.reason, text: context.text }),
    parsedOk: true,
    problem: context.reason,
    effect: { type: 'failed', reason: context.reason },
  };
}
