import type { TraceStep } from '@/lib/runtime/engine';
import { NO_SECRETS, redactStep, type Secrets } from './redact';
import { TRACE_TYPE, tracePayload } from './trace-row';
import type { CallEffect, EventInput } from './types';

/** The call and the webhook answer a trace belongs to; `key` is unique per answer (its continuation key). */
export type TraceContext = { callUuid: string; conversationUuid: string | null; key: string; secrets?: Secrets };

/**
 * The runtime's steps for one webhook answer as one event-log entry (trace-row.ts), read back as an event
 * per step: node entered, branch taken with the value that decided it, variables set, HTTP requests (URL,
 * status, duration), waits, ends, notes and errors. Keyed by the answer, so an answer recorded twice (two
 * deliveries racing) is stored once. `answered` says whether the webhook answered with an NCCO (not an empty
 * 200): only then did the call move, and the wait it ends in (if any) is where the call now waits.
 */
export function traceEvents(trace: readonly TraceStep[], context: TraceContext, answered: boolean): EventInput[] {
  if (trace.length === 0) return [];
  const secrets = context.secrets ?? NO_SECRETS;
  const steps = secrets.values.length === 0 && secrets.nodeIds.size === 0 ? trace : trace.map((step) => redactStep(step, secrets));
  const last = steps[steps.length - 1];
  return [
    {
      source: 'runtime',
      type: TRACE_TYPE,
      callUuid: context.callUuid,
      conversationUuid: context.conversationUuid,
      nodeId: last.nodeId,
      status: null,
      dedupeKey: `runtime:${context.key}`,
      payload: tracePayload(steps),
      parsedOk: true,
      problem: last.type === 'error' ? last.message : null,
      span: steps.length,
      effect: effectOf(trace, last, answered),
    },
  ];
}

/**
 * A request stored with the runtime steps that answered it, in one row (trace-row.ts): the trace's steps,
 * span and effect on the call ride on the request's event. `trace` is traceEvents' one input; `effect` is its
 * effect, or undefined when the call already shows it: required rather than defaulting to `trace.effect`,
 * since a default parameter also replaces an undefined passed on purpose.
 */
export function withTrace(request: EventInput, trace: EventInput, effect: CallEffect | undefined): EventInput {
  // Every field written out: a spread followed by new properties builds the object slowly, once per answer.
  return {
    source: request.source,
    type: request.type,
    callUuid: request.callUuid,
    legUuid: request.legUuid,
    conversationUuid: request.conversationUuid,
    status: request.status,
    nodeId: request.nodeId,
    dedupeKey: request.dedupeKey,
    payload: request.payload,
    parsedOk: request.parsedOk,
    problem: request.problem,
    calledNumber: request.calledNumber,
    effect,
    span: 1 + (trace.span ?? 1),
    trace: trace.payload,
  };
}

/**
 * What the trace established about the call. A runtime error ends the trace (the engine stops there) and
 * fails the call; a webhook that failed served the apology and moved nothing.
 */
function effectOf(trace: readonly TraceStep[], last: TraceStep, answered: boolean): CallEffect | undefined {
  if (last.type === 'error') return { type: 'failed', reason: last.message };
  if (!answered) return undefined;
  return { type: 'waiting', ...waitingOf(trace) };
}

/** Where an answered trace leaves its call waiting: the node of its wait step and that node's kind, or nulls. */
export function waitingOf(trace: readonly TraceStep[]): { nodeId: string | null; kind: string | null } {
  const wait = trace.find((step) => step.type === 'wait');
  if (!wait) return { nodeId: null, kind: null };
  // The kind of the node it waits at: the last time the trace entered it.
  const entered = trace.findLast((step) => step.type === 'enter' && step.nodeId === wait.nodeId);
  return { nodeId: wait.nodeId, kind: entered?.type === 'enter' ? entered.kind : null };
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
