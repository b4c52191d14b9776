import type { CorrelatedCall } from '@/lib/events/correlate';
import { recordEvents } from '@/lib/events/record';
import type { EventInput } from '@/lib/events/types';
import { apologyEvent, traceEvents, withTrace } from '@/lib/events/runtime-events';
import { secretsOf } from '@/lib/events/sensitive';
import { errorMessage } from '@/lib/log';
import type { Ncco } from '@/lib/ncco';
import { RuntimeError, type CompiledGraph, type TraceStep, type VarValue } from '@/lib/runtime/engine';
import type { VoiceDeps } from './deps';

export type TracedAnswer = {
  call: { uuid: string; conversationUuid: string };
  /** Unique per webhook answer (the answer's or the continuation's cache key). */
  key: string;
  trace: readonly TraceStep[];
  /** Whether the webhook answered with an NCCO: then the call moved on, and waits where the trace ends. */
  answered: boolean;
  /** The graphs the call ran in this answer, and its variables after it: where sensitive digits may be. */
  graphs: readonly CompiledGraph[];
  vars: Record<string, VarValue>;
  /** Digits just typed at a sensitive node. */
  typed?: readonly string[];
  /** The call as the recorder would look it up, when the caller has it at hand (recordEvents' `known`). */
  known?: CorrelatedCall;
  /** The request these steps answered, not yet stored: stored now, with the steps on its row (withTrace). */
  request?: EventInput;
  /** The call was just stored showing where these steps left it (the answer webhook's new call). */
  callShowsTrace?: boolean;
};

/** What the runtime decided while answering one webhook, as events (digits of sensitive nodes redacted). */
export function recordTrace(deps: VoiceDeps, answer: TracedAnswer): void {
  recordEvents(deps, tracedEvents(answer), answer.known);
}

/**
 * The events recordTrace stores, new objects each: the steps as one row, which is the request's own when the
 * request rides along (then always exactly one event).
 */
export function tracedEvents(answer: TracedAnswer): EventInput[] {
  const secrets = secretsOf(answer.graphs, answer.vars, answer.typed);
  const trace = traceEvents(answer.trace, { callUuid: answer.call.uuid, conversationUuid: answer.call.conversationUuid || null, key: answer.key, secrets }, answer.answered);
  const { request } = answer;
  const effect = answer.callShowsTrace ? undefined : trace[0]?.effect;
  return request ? (trace.length > 0 ? [withTrace(request, trace[0], effect)] : [{ ...request }]) : trace;
}

export type ServedApology = {
  callUuid: string | null;
  legUuid: string | null;
  conversationUuid: string | null;
  key: string | null;
  /** Why: a code and a sentence (an unknown number, the error the flow hit). */
  code: string;
  reason: string;
  ncco: Ncco;
};

/** The apology a caller got instead of the flow, as an event; the runtime's trace up to a failure comes first. */
export function recordApology(deps: VoiceDeps, apology: ServedApology, error?: unknown, graphs: readonly CompiledGraph[] = []): void {
  const first = apology.ncco[0];
  const text = first?.action === 'talk' ? first.text : '';
  const trace = error instanceof RuntimeError ? error.trace : [];
  const call = apology.callUuid ? { uuid: apology.callUuid, conversationUuid: apology.conversationUuid ?? '' } : null;
  const steps = call && apology.key ? traceEvents(trace, { callUuid: call.uuid, conversationUuid: apology.conversationUuid, key: apology.key, secrets: secretsOf(graphs, {}) }, false) : [];
  recordEvents(deps, [...steps, apologyEvent({ ...apology, text })]);
}

/** A failure as the apology event states it. */
export function failureOf(error: unknown): { code: string; reason: string } {
  if (error instanceof RuntimeError) return { code: error.code, reason: error.message };
  return { code: 'internal_error', reason: `Switchboard failed while answering: ${errorMessage(error)}` };
}

/** Records the apology about to be served and hands it back, so a handler can `return served(...)`. */
export function served(deps: VoiceDeps, apology: Omit<ServedApology, 'ncco'>, ncco: Ncco, error?: unknown, graphs: readonly CompiledGraph[] = []): Ncco {
  recordApology(deps, { ...apology, ncco }, error, graphs);
  return ncco;
}
