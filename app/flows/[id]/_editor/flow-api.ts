import { z } from 'zod';
import { ProblemSchema } from '@/lib/api/responses';
import { FlowDocumentSchema, FlowLayoutSchema, type FlowDocument, type FlowLayout } from '@/lib/flow/document';

/** The parts of GET/PUT /api/flows/:id the editor uses; parsed, since a proxy may answer instead. */
const FlowBodySchema = z.object({
  flow: z.object({ id: z.string(), name: z.string(), revision: z.number(), document: FlowDocumentSchema, layout: FlowLayoutSchema }),
});
export type LoadedFlow = z.infer<typeof FlowBodySchema>['flow'];

export type SaveResult =
  | { kind: 'saved'; flow: LoadedFlow }
  | { kind: 'conflict'; currentRevision: number }
  | { kind: 'failed'; message: string };

/** Bodies above this cannot use `keepalive` (browsers cap in-flight keepalive bodies at 64 KiB). */
const KEEPALIVE_LIMIT = 60_000;

const flowUrl = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

/** PUT /api/flows/:id with the revision the edits started from. */
export async function saveFlow(
  id: string,
  body: { revision: number; name?: string; document: FlowDocument; layout: FlowLayout },
  { keepalive = false } = {},
): Promise<SaveResult> {
  const text = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(flowUrl(id), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: text,
      keepalive: keepalive && text.length < KEEPALIVE_LIMIT,
    });
  } catch {
    return { kind: 'failed', message: 'Could not reach Switchboard' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = FlowBodySchema.safeParse(json);
    return parsed.success ? { kind: 'saved', flow: parsed.data.flow } : { kind: 'failed', message: 'Unexpected answer from the server' };
  }
  const problem = ProblemSchema.safeParse(json);
  if (!problem.success) return { kind: 'failed', message: `The server answered ${response.status}` };
  const { code, message, currentRevision, issues } = problem.data.error;
  if (code === 'stale_revision' && currentRevision !== undefined) return { kind: 'conflict', currentRevision };
  return { kind: 'failed', message: issues?.[0] ? `${message}: ${issues[0].path} ${issues[0].message}` : message };
}

/** GET /api/flows/:id, or null when it cannot be loaded. */
export async function loadFlow(id: string): Promise<LoadedFlow | null> {
  try {
    const response = await fetch(flowUrl(id), { cache: 'no-store' });
    if (!response.ok) return null;
    const parsed = FlowBodySchema.safeParse(await response.json());
    return parsed.success ? parsed.data.flow : null;
  } catch {
    return null;
  }
}
