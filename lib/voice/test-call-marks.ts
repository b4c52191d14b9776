import type { CallState, TraceStep } from '@/lib/runtime/engine';
import type { CallRoute } from './route-call';

/** The first step of a draft test call's trace, so the call's events say it ran the draft, not the live version. */
export function draftNote(startId: string): TraceStep {
  return { type: 'note', nodeId: startId, message: 'Test call: this call runs the flow’s draft, not the live version' };
}

/** The overrides kept in the call's state (only when there are some, so ordinary calls' state is unchanged). */
export function overridesState(route: CallRoute): Pick<CallState, 'overrides'> {
  return Object.keys(route.overrides).length > 0 ? { overrides: route.overrides } : {};
}
