import type { Db } from '@/db/client';
import { getFlow } from '@/lib/flows/read';
import { resolveNumber } from '@/lib/numbers/read';
import { RuntimeError } from '@/lib/runtime/engine';
import { getLatestVersion } from '@/lib/versions/read';
import type { SimulatorFailure } from './deps';
import { DEFAULT_CALLED, type StartCallRequest } from './start-request';
import { compileDraft } from './webhook-context';

/** What a simulated call runs: a flow's draft (snapshot) or a published version, dialled on `to`. */
export type CallTarget = {
  flowId: string;
  version: 'draft' | 'live';
  versionId: string | null;
  document: unknown;
  to: string;
};

/**
 * Decides what the call runs before anything is sent, so a flow that cannot run is refused with the
 * reasons instead of ringing into an apology.
 */
export function resolveTarget(db: Db, request: StartCallRequest): { ok: true; target: CallTarget } | SimulatorFailure {
  const { flowId } = request;
  if (flowId === undefined) {
    const to = request.to ?? DEFAULT_CALLED;
    const bound = resolveNumber(db, to);
    if (!bound?.flowId || !bound.versionId) return invalid('to', `${to} does not answer calls yet: bind it to a published version, or test a flow by its id`);
    return { ok: true, target: { flowId: bound.flowId, version: 'live', versionId: bound.versionId, document: null, to } };
  }
  const flow = getFlow(db, flowId);
  if (!flow) return { ok: false, reason: 'not_found', message: `There is no flow ${JSON.stringify(flowId)}` };
  const to = request.to ?? DEFAULT_CALLED;
  if ((request.version ?? 'draft') === 'live') {
    const version = getLatestVersion(db, flowId);
    if (!version) return invalid('version', 'This flow has no published version yet: publish it, or test the draft');
    return { ok: true, target: { flowId, version: 'live', versionId: version.id, document: null, to } };
  }
  try {
    compileDraft(flow.document);
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    return { ok: false, reason: 'invalid', message: 'The draft cannot run yet', issues: [{ path: 'flowId', message: error.message }] };
  }
  return { ok: true, target: { flowId, version: 'draft', versionId: null, document: flow.document, to } };
}

function invalid(path: string, message: string): SimulatorFailure {
  return { ok: false, reason: 'invalid', message, issues: [{ path, message }] };
}
