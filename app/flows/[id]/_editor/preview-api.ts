import { z } from 'zod';
import { ProblemSchema } from '@/lib/api/responses';
import type { PreviewRequest } from '@/lib/preview/preview-request';
import { PreviewResultSchema, type PreviewResult } from '@/lib/preview/preview-result';

const PreviewBodySchema = z.object({ preview: PreviewResultSchema });

export type PreviewAnswer = { kind: 'done'; preview: PreviewResult } | { kind: 'failed'; message: string };

/** POST /api/flows/:id/preview. Aborted requests reject, so a superseded preview never lands. */
export async function fetchPreview(flowId: string, body: PreviewRequest, signal: AbortSignal): Promise<PreviewAnswer> {
  let response: Response;
  try {
    response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'failed', message: 'Could not reach Switchboard' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = PreviewBodySchema.safeParse(json);
    return parsed.success ? { kind: 'done', preview: parsed.data.preview } : { kind: 'failed', message: 'Unexpected answer from the server' };
  }
  const problem = ProblemSchema.safeParse(json);
  if (!problem.success) return { kind: 'failed', message: `The server answered ${response.status}` };
  const { message, issues } = problem.data.error;
  return { kind: 'failed', message: issues?.length ? `${message}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : message };
}
