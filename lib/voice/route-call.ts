import type { Db } from '@/db/client';
import { snapshotDraft, type DraftSnapshot } from '@/lib/drafts/snapshots';
import type { NumberRoute } from '@/lib/numbers/read';
import type { CallInfo, RunOverrides } from '@/lib/runtime/engine';
import type { Simulation } from '@/lib/simulator/webhook-context';
import { cachedRouting } from './routing-cache';

/**
 * What a new call runs. `versionId` is what the engine runs and continuation tokens carry (a version, a
 * draft snapshot, or the simulator's draft stand-in); `pinnedVersionId` is the published version kept on
 * the calls row (null for drafts); `draftSnapshotId` marks a real call that runs a draft.
 */
export type CallRoute = {
  flowId: string;
  versionId: string;
  pinnedVersionId: string | null;
  draftSnapshotId: string | null;
  overrides: RunOverrides;
};

/**
 * A real call by its called number: a test caller reaches the flow's current draft (snapshotted once per
 * flow revision), everyone else the live version; null when nothing can answer (unknown number, no flow,
 * or nothing live for this caller). The number's hours override applies to both.
 */
export function routeCall(db: Db, call: Pick<CallInfo, 'from' | 'to'>, now: Date): CallRoute | null {
  const entry = cachedRouting(db, call.to);
  if (!entry?.flowId) return null;
  const overrides = overridesOf(entry);
  if (isTestCaller(entry, call.from)) {
    const snapshot = snapshotDraft(db, entry.flowId, now);
    return snapshot ? draftRoute(snapshot, overrides) : null;
  }
  if (!entry.versionId) return null;
  return { flowId: entry.flowId, versionId: entry.versionId, pinnedVersionId: entry.versionId, draftSnapshotId: null, overrides };
}

/** A call that runs a given draft snapshot (an outbound test call's signed draft token names it). */
export function draftRoute(snapshot: Pick<DraftSnapshot, 'id' | 'flowId'>, overrides: RunOverrides = {}): CallRoute {
  return { flowId: snapshot.flowId, versionId: snapshot.id, pinnedVersionId: null, draftSnapshotId: snapshot.id, overrides };
}

/** A simulated call names its own flow, version and clock (lib/simulator); numbers' settings do not apply. */
export function simulatedRoute(simulation: Simulation): CallRoute {
  return { flowId: simulation.flowId, versionId: simulation.versionId, pinnedVersionId: simulation.pinnedVersionId, draftSnapshotId: null, overrides: {} };
}

/** Caller IDs are compared as Vonage sends them: E.164 digits; a '+' some carriers add is ignored. */
function isTestCaller(entry: NumberRoute, from: string): boolean {
  return entry.testCallers.includes(from.replace(/^\+/, ''));
}

function overridesOf(entry: NumberRoute): RunOverrides {
  switch (entry.hoursOverride) {
    case 'schedule':
      return {};
    case 'open':
      return { hours: 'open' };
    case 'closed':
      return entry.overrideMessage ? { hours: 'closed', closedMessage: entry.overrideMessage } : { hours: 'closed' };
    default:
      return entry.hoursOverride satisfies never;
  }
}
