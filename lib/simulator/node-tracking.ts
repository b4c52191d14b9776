import { ContinuationClaimsSchema } from '@/lib/vonage/continuation-token';
import type { NccoLenient, NccoLenientAction } from '@/lib/ncco';
import type { TraceStep } from '@/lib/runtime/engine';
import { continuationTokenIn } from '@/lib/voice/urls';
import type { Rest } from './carrier/types';

export type NodeTrack = {
  /** The flow's nodes the call has passed, in order (a node repeats only after another). */
  path: string[];
  /** Where the call is now: the node it waits at, or where it ended. */
  current: string | null;
  /** The call went on into another flow (Go to flow): its nodes are not this flow's. */
  leftFlow: boolean;
};

/** Which node kind puts an action in the NCCO, for actions whose eventUrl does not name the node. */
const KIND_OF_ACTION: Partial<Record<NccoLenientAction['action'], string>> = { record: 'record', conversation: 'conference', wait: 'wait' };

/**
 * Reads where a simulated call is in its flow from the engine traces of its webhooks. The NCCO runs ahead
 * of the caller (one answer may hold several steps), so the path stops at the node the call waits at:
 * for an input or connect the continuation token in its eventUrl names the node; for a record, conference
 * or pause it is the matching node of that kind in the trace of the webhook that produced the NCCO.
 */
export function trackNodes(input: {
  traces: readonly (readonly TraceStep[])[];
  /** The trace of the webhook whose NCCO is running, when known. */
  runningTrace: number | null;
  running: NccoLenient | null;
  rest: Rest | null;
}): NodeTrack {
  let inFlow = true;
  const enters = input.traces.map((trace) =>
    trace.flatMap((step) => {
      if (step.type === 'goto') inFlow = false;
      return step.type === 'enter' && inFlow ? [{ nodeId: step.nodeId, kind: step.kind }] : [];
    }),
  );
  const leftFlow = !inFlow;
  const waitingAt = input.rest && !leftFlow ? restNode(input.rest, input.running, input.runningTrace === null ? [] : (enters[input.runningTrace] ?? [])) : null;
  const passed = enters.flatMap((trace, i) => {
    if (i !== input.runningTrace || !waitingAt) return trace.map((e) => e.nodeId);
    const cut = trace.map((e) => e.nodeId).lastIndexOf(waitingAt);
    return trace.slice(0, cut === -1 ? trace.length : cut + 1).map((e) => e.nodeId);
  });
  const path = passed.filter((id, i) => id !== passed[i - 1]);
  return { path, current: waitingAt ?? (input.rest || leftFlow ? null : (path.at(-1) ?? null)), leftFlow };
}

function restNode(rest: Rest, running: NccoLenient | null, enters: readonly { nodeId: string; kind: string }[]): string | null {
  const url = (rest.action as { eventUrl?: readonly string[] }).eventUrl?.[0];
  const fromToken = url ? tokenNode(url) : null;
  if (fromToken) return fromToken;
  const kind = KIND_OF_ACTION[rest.action.action];
  if (!kind || !running) return enters.at(-1)?.nodeId ?? null;
  // The n-th record action of the NCCO came from the n-th Record node the webhook entered.
  const nth = running.slice(0, rest.index).filter((a) => a.action === rest.action.action).length;
  return enters.filter((e) => e.kind === kind)[nth]?.nodeId ?? null;
}

/** The node a continuation URL resumes at; read only to show it, so its signature is not checked. */
function tokenNode(url: string): string | null {
  const token = continuationTokenIn(url);
  if (!token) return null;
  try {
    const claims = ContinuationClaimsSchema.safeParse(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')));
    return claims.success ? claims.data.nodeId : null;
  } catch {
    return null;
  }
}
