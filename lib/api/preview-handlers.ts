import type { Db } from '@/db/client';
import { config } from '@/lib/config';
import { getFlow } from '@/lib/flows/read';
import { previewNcco } from '@/lib/preview/preview-ncco';
import { PreviewRequestSchema } from '@/lib/preview/preview-request';
import type { PreviewResult } from '@/lib/preview/preview-result';
import type { ResolvedFlow } from '@/lib/runtime/engine';
import { compiledVersion } from '@/lib/voice/graph-cache';
import { getLatestVersion } from '@/lib/versions/read';
import type { FlowParams } from './flows-handlers';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response body; a flow that cannot run is still a 200, since the preview's answer is the explanation. */
export type PreviewBody = { preview: PreviewResult };

/**
 * POST /api/flows/:id/preview: the NCCO the flow would serve from a node for a sample call. It previews
 * the posted document (the editor's unsaved draft) when there is one, else the saved draft. Read-only.
 */
export async function handlePreview(db: Db, request: Request, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, PreviewRequestSchema);
  if (!body.ok) return body.response;
  const flow = getFlow(db, id);
  if (!flow) return problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);
  const { nodeId, from, to, at, vars, document } = body.data;
  const preview = await previewNcco(
    { document: document ?? flow.document, nodeId, call: { from, to }, at: at ? new Date(at) : new Date(), vars },
    {
      publicBaseUrl: config().PUBLIC_BASE_URL,
      // As a call's Go to flow does: the target's latest published version.
      resolveFlow: (flowId): ResolvedFlow | null => {
        const version = getLatestVersion(db, flowId);
        return version ? { ...compiledVersion(db, version.id), versionId: version.id } : null;
      },
    },
  );
  return json({ preview } satisfies PreviewBody);
}
