import type { FlowDocument } from '@/lib/flow/document';
import { NccoSchema } from '@/lib/ncco';
import {
  compileGraph,
  isCompiled,
  runFrom,
  RuntimeError,
  type CallInfo,
  type CallState,
  type CompiledGraph,
  type TraceStep,
} from '@/lib/runtime/engine';
import { previewEnv, type PreviewDeps, type PreviewLog } from './preview-env';
import type { PreviewResult } from './preview-result';
import { reachableSlice } from './reachable-slice';

export type PreviewInput = {
  document: FlowDocument;
  nodeId: string;
  call: { from: string; to: string };
  at: Date;
  vars: Record<string, string>;
};

/** Stand-ins for what only a real call has; a template reading {{call.uuid}} shows this. */
export const PREVIEW_CALL_UUID = 'preview-call';
const DRAFT_VERSION = 'draft';

/**
 * The NCCO Switchboard would serve if a call reached `nodeId` of this draft, for a sample call: the same
 * engine as a real call, with an environment that sends nothing and mints no working URL.
 */
export async function previewNcco(input: PreviewInput, deps: PreviewDeps): Promise<PreviewResult> {
  const graph = compileGraph(reachableSlice(input.document, input.nodeId));
  if (!isCompiled(graph)) return { ok: false, reason: 'invalid_flow', problems: graph.problems };

  const log: PreviewLog = { notified: [], graphs: new Map([[DRAFT_VERSION, graph]]) };
  const call: CallInfo = { uuid: PREVIEW_CALL_UUID, conversationUuid: `${PREVIEW_CALL_UUID}-conversation`, ...input.call };
  const state: CallState = { flowId: 'preview', versionId: DRAFT_VERSION, vars: { ...input.vars }, attempts: {} };
  try {
    const result = await runFrom({ graph, nodeId: input.nodeId, state, call, now: input.at }, previewEnv(deps, log));
    // The engine checks its NCCO too; checking here again means the badge never just trusts it.
    const checked = NccoSchema.safeParse(result.ncco);
    return {
      ok: true,
      ncco: result.ncco,
      valid: checked.success,
      issues: checked.success ? [] : checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      trace: withUnsentNotifications(result.trace, log),
    };
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    return { ok: false, reason: 'runtime_error', code: error.code, message: error.message, nodeId: error.nodeId, trace: withUnsentNotifications(error.trace, log) };
  }
}

/**
 * A Notify node traces that it sent its message; in a preview nothing was sent, so those notes are
 * rewritten. Node ids repeat across flows, so each is looked up in the flow the call was in at that step.
 */
function withUnsentNotifications(trace: TraceStep[], log: PreviewLog): TraceStep[] {
  const pending = [...log.notified];
  let graph: CompiledGraph | undefined = log.graphs.get(DRAFT_VERSION);
  return trace.map((step) => {
    if (step.type === 'goto') graph = log.graphs.get(step.versionId);
    if (step.type !== 'note' || step.nodeId === null || graph?.nodes.get(step.nodeId)?.kind !== 'notify') return step;
    const sent = pending.shift();
    const what = sent ? `: it would ${sent.method} its message to ${sent.url}` : '';
    return { ...step, message: `Notification not sent in a preview${what}` };
  });
}
