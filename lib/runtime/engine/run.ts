import type { FlowSettings } from '@/lib/flow/settings';
import type { Ncco } from '@/lib/ncco';
import { kindOf } from '@/lib/flow/registry';
import { contextFor } from './context';
import { copyState } from './copy-state';
import { RuntimeError } from './errors';
import { finishNcco } from './finish';
import type { CompiledGraph } from './graph';
import type { TraceStep } from './trace';
import type { CallInfo, CallState, ConnectEventPayload, Continuation, InputResult, RunOverrides, RuntimeEnv } from './types';
import { enter, follow, HTTP_BUDGET_MS, nodeAt, walkFrom, type Walk } from './walk';

/** What every entry point needs: the version being run, the call and its state. */
export type RunInput = {
  graph: CompiledGraph;
  state: CallState;
  call: CallInfo;
  now: Date;
  /** Defaults to the graph's own settings. */
  settings?: FlowSettings;
  overrides?: RunOverrides;
};

export type RunResult = { ncco: Ncco; state: CallState; trace: TraceStep[] };
/** `ncco: null` means answer with an empty 200 so the NCCO Vonage is running carries on. */
export type ResumeResult = { ncco: Ncco | null; state: CallState; trace: TraceStep[] };

/** Answers the answer webhook (from the start node) or a 'resume' continuation (from its node). */
export function runFrom(input: RunInput & { nodeId: string }, env: RuntimeEnv): Promise<RunResult> {
  return run(input, env, (walk) => walkFrom(walk, input.nodeId));
}

/** Answers a Menu's or Collect's input eventUrl with the NCCO that follows the caller's answer. */
export function resumeInput(input: RunInput & { continuation: Continuation; payload: InputResult }, env: RuntimeEnv): Promise<RunResult> {
  const { continuation: c } = input;
  return run(input, env, async (walk) => {
    const node = expectContinuation(walk, c, 'input');
    const rule = kindOf(node.kind).resume?.input;
    if (!rule) throw unexpected(c);
    if (walk.state.attempts[c.nodeId] !== c.attempt) {
      throw new RuntimeError('stale_continuation', `This answer is for attempt ${c.attempt}, but the call is at attempt ${walk.state.attempts[c.nodeId]}`, c.nodeId);
    }
    enter(walk, node);
    const outcome = rule(node.data as never, contextFor(walk, node.id), { type: 'input', attempt: c.attempt, result: input.payload });
    await walkFrom(walk, await follow(walk, node.id, outcome));
  });
}

/**
 * Answers a Connect's synchronous eventUrl. Progress (ringing, answered…) and events about an endpoint the
 * call has moved past get `ncco: null`; a failure rings the next endpoint or follows `failed`.
 */
export async function resumeConnect(
  input: RunInput & { continuation: Continuation; payload: ConnectEventPayload },
  env: RuntimeEnv,
): Promise<ResumeResult> {
  const { continuation: c, payload } = input;
  const walk = startWalk(input, env);
  try {
    const node = expectContinuation(walk, c, 'connect');
    const rule = kindOf(node.kind).resume?.connect;
    if (!rule) throw unexpected(c);
    const ringing = walk.state.connect;
    if (ringing?.nodeId !== c.nodeId || String(ringing.endpointIndex) !== c.extra?.endpoint || walk.state.attempts[c.nodeId] !== c.attempt) {
      walk.trace.push({ type: 'note', nodeId: c.nodeId, message: `Ignored "${payload.status}": it is about an endpoint this call no longer rings` });
      return { ncco: null, state: walk.state, trace: walk.trace };
    }
    enter(walk, node);
    const event = { type: 'connect', attempt: c.attempt, endpointIndex: ringing.endpointIndex, status: payload.status } as const;
    const outcome = rule(node.data as never, contextFor(walk, node.id), event);
    if (outcome.type === 'ignore') {
      walk.trace.push({ type: 'note', nodeId: node.id, message: outcome.reason });
      return { ncco: null, state: walk.state, trace: walk.trace };
    }
    walk.state = { ...walk.state, connect: undefined };
    await walkFrom(walk, await follow(walk, node.id, outcome));
    return finish(walk);
  } catch (error) {
    throw withTrace(error, walk);
  }
}

function startWalk(input: RunInput, env: RuntimeEnv): Walk {
  return {
    graph: input.graph,
    settings: input.settings ?? input.graph.settings,
    state: copyState(input.state),
    actions: [],
    trace: [],
    minted: [],
    visits: 0,
    httpBudgetMs: HTTP_BUDGET_MS,
    call: input.call,
    now: input.now,
    overrides: input.overrides ?? {},
    env,
  };
}

async function run(input: RunInput, env: RuntimeEnv, body: (walk: Walk) => Promise<void>): Promise<RunResult> {
  const walk = startWalk(input, env);
  // Whatever this webhook answers replaces the running NCCO, so no Connect is ringing any more. Set in place:
  // the state is the walk's own copy, and spreading it into a new object cost more than copying it.
  walk.state.connect = undefined;
  try {
    await body(walk);
    return finish(walk);
  } catch (error) {
    throw withTrace(error, walk);
  }
}

function finish(walk: Walk): RunResult {
  const ncco = finishNcco(walk.actions, walk.settings, walk.trace, walk.minted);
  return { ncco, state: walk.state, trace: walk.trace };
}

function expectContinuation(walk: Walk, c: Continuation, kind: Continuation['kind']) {
  if (c.kind !== kind) throw unexpected(c);
  if (c.versionId !== walk.state.versionId) {
    throw new RuntimeError('stale_continuation', `This continuation is for version ${c.versionId}, but the call runs ${walk.state.versionId}`, c.nodeId);
  }
  return nodeAt(walk, c.nodeId);
}

function unexpected(c: Continuation): RuntimeError {
  return new RuntimeError('unexpected_continuation', `Node ${c.nodeId} does not expect a ${c.kind} continuation`, c.nodeId);
}

/** Attaches the trace so far, ending with the error, to a RuntimeError; other errors are bugs and pass through. */
function withTrace(error: unknown, walk: Walk): unknown {
  if (!(error instanceof RuntimeError)) return error;
  walk.trace.push({ type: 'error', nodeId: error.nodeId, code: error.code, message: error.message });
  error.trace = walk.trace;
  return error;
}
