import type { Db } from '@/db/client';
import { compileDraft } from '@/lib/drafts/compile-draft';
import { RuntimeError, type CompiledGraph, type TraceStep } from '@/lib/runtime/engine';
import { compiledVersion } from '@/lib/voice/graph-cache';
import { simulatedNow } from './clock';
import { appendSimulatedTrace, getSimulatedCall } from './store';

/**
 * What the webhook handlers need to know about a simulated call, looked up by its uuid on every webhook:
 * the simulated marker, the flow and version it runs (a draft snapshot included), the pretend clock, and
 * where its engine traces go. A real call (any uuid not registered here) gets null and runs as always.
 */
export type Simulation = {
  flowId: string;
  /** The version the call starts on: a published version, or the draft's stand-in id. */
  versionId: string;
  /** The published version to pin on the calls row; null for a draft (it is no flow_versions row). */
  pinnedVersionId: string | null;
  /** The pretend time now, for business hours (the real time without a clock). */
  now: Date;
  /** The runnable graph of a version id the call reaches: the draft snapshot, or a published version. */
  graph(versionId: string): CompiledGraph;
  record(trace: readonly TraceStep[]): void;
};

/** The stand-in version id of a draft call: it travels in continuation tokens like a real version id. */
export const draftVersionId = (uuid: string) => `draft-${uuid}`;

export function simulationFor(db: Db, uuid: string, realNow: Date): Simulation | null {
  const row = getSimulatedCall(db, uuid);
  if (!row) return null;
  const draftId = draftVersionId(row.uuid);
  const versionId = row.version === 'draft' ? draftId : row.versionId;
  if (!versionId) throw new RuntimeError('unknown_flow', 'The published version this simulated call ran was deleted');
  let draft: CompiledGraph | null = null;
  return {
    flowId: row.flowId,
    versionId,
    pinnedVersionId: row.version === 'draft' ? null : row.versionId,
    now: simulatedNow(row.clockAt, row.startedAt, realNow),
    graph: (id) => {
      if (id !== draftId) return compiledVersion(db, id);
      return (draft ??= compileDraft(row.document));
    },
    record: (trace) => appendSimulatedTrace(db, row.uuid, trace),
  };
}

/** The draft as it was when the call started (shared with real test callers' draft snapshots). */
export { compileDraft };
