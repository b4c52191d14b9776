import type { Db } from '@/db/client';
import type { FlowDocument } from '@/lib/flow/document';
import type { NccoAction } from '@/lib/ncco';
import { previewNcco } from '@/lib/preview/preview-ncco';
import type { ResolvedFlow } from '@/lib/runtime/engine';
import { DEFAULT_CALLED } from '@/lib/simulator/start-request';
import { getLatestVersion } from '@/lib/versions/read';
import { compiledVersion } from '@/lib/voice/graph-cache';

/** The sample caller of every diff: a UK test number, so nothing in a flow matches it by accident. */
export const SAMPLE_CALLER = '447700900999';

/** The call the NCCO diff imagines: who calls, which number, when. */
export type SampleCall = { from: string; to: string; at: Date };

/** What the sample call is served at the start: the NCCO, or why there is none. */
export type SampleNcco = { ok: true; ncco: NccoAction[] } | { ok: false; message: string };

/** The sample call for a flow: the sample caller, dialling the flow's first number (the demo line when it has none), now. */
export function sampleCall(numbers: readonly string[], at: Date): SampleCall {
  return { from: SAMPLE_CALLER, to: numbers[0] ?? DEFAULT_CALLED, at };
}

/**
 * The NCCO `document` serves when the sample call arrives: the same engine as a real call, from the
 * Incoming call node, with nothing sent (see lib/preview). An empty document (nothing published) serves
 * nothing, so every action of the other side shows as added.
 */
export async function sampleNcco(db: Db, document: FlowDocument | null, call: SampleCall, publicBaseUrl: string): Promise<SampleNcco> {
  if (document === null) return { ok: true, ncco: [] };
  const start = document.nodes.find((node) => node.kind === 'start');
  if (!start) return { ok: false, message: 'This flow has no Incoming call step, so it answers nothing' };
  const result = await previewNcco(
    { document, nodeId: start.id, call: { from: call.from, to: call.to }, at: call.at, vars: {} },
    {
      publicBaseUrl,
      resolveFlow: (flowId): ResolvedFlow | null => {
        const version = getLatestVersion(db, flowId);
        return version ? { ...compiledVersion(db, version.id), versionId: version.id } : null;
      },
    },
  );
  if (result.ok) return { ok: true, ncco: result.ncco };
  switch (result.reason) {
    case 'invalid_flow':
      return { ok: false, message: `It cannot run yet: ${result.problems.map((p) => p.message).join('; ')}` };
    case 'runtime_error':
      return { ok: false, message: `It stops with an error: ${result.message}` };
    default:
      return result satisfies never;
  }
}
