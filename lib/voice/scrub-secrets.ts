import { getCall, saveCallState } from '@/lib/calls/store';
import { sensitiveNodes } from '@/lib/events/sensitive';
import { CallStateSchema } from '@/lib/runtime/engine';
import { graphFor } from './continuation-events';
import type { VoiceDeps } from './deps';

/**
 * Once a call is over, the digits its sensitive Collect nodes stored in variables are no longer needed by
 * the flow: they are cleared from the call's saved state, so no copy outlives the call at rest.
 */
export function clearSecretsOfEndedCall(deps: VoiceDeps, callUuid: string): void {
  const row = getCall(deps.db, callUuid);
  // Most ended legs are not calls Switchboard answered: no row, and no failed parse to build for it.
  if (!row) return;
  const state = CallStateSchema.safeParse(row.state);
  if (!state.success) return;
  const versions = new Set([row.versionId, state.data.versionId].filter((id): id is string => id !== null));
  const variables = [...versions].flatMap((id) => {
    const graph = graphFor(deps, callUuid, id);
    return graph ? [...sensitiveNodes(graph).values()] : [];
  });
  const held = variables.filter((name) => state.data.vars[name] !== undefined && state.data.vars[name] !== null);
  if (held.length === 0) return;
  saveCallState(deps.db, callUuid, { ...state.data, vars: { ...state.data.vars, ...Object.fromEntries(held.map((name) => [name, null])) } });
}
