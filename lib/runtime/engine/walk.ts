import type { FlowSettings } from '@/lib/flow/settings';
import type { NccoAction } from '@/lib/ncco';
import { kindOf, type ValidNode } from '@/lib/flow/registry';
import { contextFor, resumeNotify } from './context';
import { RuntimeError } from './errors';
import { targetOf, type CompiledGraph } from './graph';
import { setOwn } from '@/lib/own-field';
import type { RunOutcome } from './rule';
import type { TraceStep } from './trace';
import type { CallInfo, CallState, RunOverrides, RuntimeEnv } from './types';

/** Node visits allowed in one webhook: far more than any real flow needs, so only a runaway loop hits it. */
export const STEP_CAP = 1000;

/** Vonage gives a webhook a few seconds (reference.md §2); HTTP request nodes share this much of it. */
export const HTTP_BUDGET_MS = 3500;

/** One webhook's work in progress. Mutable on purpose: it lives only while the engine answers one request. */
export type Walk = {
  graph: CompiledGraph;
  settings: FlowSettings;
  state: CallState;
  actions: NccoAction[];
  trace: TraceStep[];
  /** The continuation URLs minted so far (finish.ts checks the NCCO's shape apart from them). */
  minted: string[];
  visits: number;
  httpBudgetMs: number;
  readonly call: CallInfo;
  readonly now: Date;
  readonly overrides: RunOverrides;
  readonly env: RuntimeEnv;
};

export function nodeAt(walk: Walk, nodeId: string): ValidNode {
  const node = walk.graph.nodes.get(nodeId);
  if (!node) throw new RuntimeError('unknown_node', `There is no node ${nodeId} in this flow version`, nodeId);
  return node;
}

/** Counts a visit against the step cap and traces it. */
export function enter(walk: Walk, node: ValidNode): void {
  walk.visits += 1;
  if (walk.visits > STEP_CAP) {
    throw new RuntimeError(
      'step_cap',
      `The call passed through ${STEP_CAP} steps without waiting for the caller: the flow loops without a Menu or Collect digits`,
      node.id,
    );
  }
  walk.trace.push({ type: 'enter', nodeId: node.id, kind: node.kind });
}

/** Walks from a node until the NCCO must end: a wait, an end, an unconnected output or a deferral. */
export async function walkFrom(walk: Walk, startId: string | null): Promise<void> {
  let nodeId = startId;
  while (nodeId !== null) {
    const node = nodeAt(walk, nodeId);
    const rule = kindOf(node.kind).run;
    if (!rule) throw new RuntimeError('invalid_graph', `A call cannot run a ${kindOf(node.kind).label} node`, node.id);
    if (rule.serverSide && walk.actions.length > 0) {
      walk.actions.push(resumeNotify(walk, node.id));
      walk.trace.push({ type: 'defer', nodeId: node.id });
      return;
    }
    enter(walk, node);
    nodeId = await follow(walk, node.id, await rule.execute(node.data as never, contextFor(walk, node.id)));
  }
}

/** Applies an outcome; returns the node to visit next, or null when the NCCO ends here. */
export async function follow(walk: Walk, nodeId: string, outcome: RunOutcome): Promise<string | null> {
  switch (outcome.type) {
    case 'next': {
      walk.actions.push(...(outcome.actions ?? []));
      if (outcome.vars && Object.keys(outcome.vars).length > 0) {
        // In place: the state is the walk's own copy (run.ts), and a spread given new keys takes V8's slow path.
        for (const [name, value] of Object.entries(outcome.vars)) setOwn(walk.state.vars, name, value);
        walk.trace.push({ type: 'vars', nodeId, values: outcome.vars });
      }
      const target = targetOf(walk.graph, nodeId, outcome.handle);
      if (target === null) walk.trace.push({ type: 'end', nodeId, reason: 'unconnected' });
      return target;
    }
    case 'wait': {
      walk.actions.push(...outcome.actions);
      if (outcome.connect) walk.state = { ...walk.state, connect: { nodeId, endpointIndex: outcome.connect.endpointIndex } };
      walk.trace.push({ type: 'wait', nodeId });
      return null;
    }
    case 'end':
      walk.actions.push(...(outcome.actions ?? []));
      walk.trace.push({ type: 'end', nodeId, reason: 'hangup' });
      return null;
    case 'goto': {
      const target = await walk.env.resolveFlow(outcome.flowId);
      if (!target) throw new RuntimeError('unknown_flow', `Flow ${outcome.flowId} does not exist or has no published version`, nodeId);
      walk.graph = target;
      walk.settings = target.settings;
      walk.state = { ...walk.state, flowId: outcome.flowId, versionId: target.versionId };
      walk.trace.push({ type: 'goto', nodeId, flowId: outcome.flowId, versionId: target.versionId });
      return target.startId;
    }
    default:
      return outcome satisfies never;
  }
}
