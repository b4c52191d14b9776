import type { Db } from '@/db/client';
import { diffFlows, nccoDiff, type FlowDiff, type NccoLine } from '@/lib/flow/diff';
import { emptyDocument, type FlowDocument, type FlowLayout } from '@/lib/flow/document';
import { getFlow } from '@/lib/flows/read';
import { getVersion } from '@/lib/versions/read';
import { flowNumbers, liveVersion } from './live-version';
import { sampleCall, sampleNcco, type SampleCall, type SampleNcco } from './sample-ncco';

/** One side of a diff as the request names it: a version id, the live version, or the draft. */
export type DiffRef = 'live' | 'draft' | { versionId: string };

/** What one side turned out to be; `none` when `live` was asked of a flow never published. */
export type DiffSide =
  | { kind: 'version'; id: string; number: number; live: boolean }
  | { kind: 'draft' }
  | { kind: 'none' };

export type FlowDiffReport = {
  from: DiffSide;
  to: DiffSide;
  diff: FlowDiff;
  /** The removed nodes' positions on the `from` side, so the canvas can draw them as ghosts. */
  removedLayout: FlowLayout;
  ncco: { sample: SampleCall; before: SampleNcco; after: SampleNcco; lines: NccoLine[] | null };
};

type Resolved = { side: DiffSide; document: FlowDocument | null; layout: FlowLayout };

export type DiffReportResult = { ok: true; report: FlowDiffReport } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'no_version'; versionId: string };

function resolve(db: Db, flowId: string, ref: DiffRef, live: Resolved): Resolved | null {
  if (ref === 'live') return live;
  if (ref === 'draft') {
    const flow = getFlow(db, flowId);
    return flow && { side: { kind: 'draft' }, document: flow.document, layout: flow.layout };
  }
  const version = getVersion(db, ref.versionId);
  if (!version || version.flowId !== flowId) return null;
  const isLive = live.side.kind === 'version' && live.side.id === version.id;
  return { side: { kind: 'version', id: version.id, number: version.number, live: isLive }, document: version.document, layout: version.layout };
}

function missing(ref: DiffRef): DiffReportResult {
  return typeof ref === 'object' ? { ok: false, reason: 'no_version', versionId: ref.versionId } : { ok: false, reason: 'not_found' };
}

/**
 * The difference between two states of a flow, for people: the structural diff (nodes and edges added,
 * removed and changed, position-blind) and what the sample call is served at the start on each side.
 */
export async function diffReport(db: Db, flowId: string, from: DiffRef, to: DiffRef, options: { publicBaseUrl: string; now: Date }): Promise<DiffReportResult> {
  if (!getFlow(db, flowId)) return { ok: false, reason: 'not_found' };
  const current = liveVersion(db, flowId);
  const live: Resolved = current
    ? { side: { kind: 'version', id: current.id, number: current.number, live: true }, document: current.document, layout: current.layout }
    : { side: { kind: 'none' }, document: null, layout: {} };
  const before = resolve(db, flowId, from, live);
  if (!before) return missing(from);
  const after = resolve(db, flowId, to, live);
  if (!after) return missing(to);
  // Nothing published: an empty flow with the same settings, so only the steps show as added.
  const empty: FlowDocument = { ...(after.document ?? before.document ?? emptyDocument().document), nodes: [], edges: [] };
  const diff = diffFlows(before.document ?? empty, after.document ?? empty);
  const sample = sampleCall(flowNumbers(db, flowId).map((n) => n.number), options.now);
  const [was, is] = await Promise.all([
    sampleNcco(db, before.document, sample, options.publicBaseUrl),
    sampleNcco(db, after.document, sample, options.publicBaseUrl),
  ]);
  const removedLayout = Object.fromEntries(diff.nodes.removed.flatMap((node) => (before.layout[node.id] ? [[node.id, before.layout[node.id]]] : [])));
  return {
    ok: true,
    report: { from: before.side, to: after.side, diff, removedLayout, ncco: { sample, before: was, after: is, lines: was.ok && is.ok ? nccoDiff(was.ncco, is.ncco) : null } },
  };
}
