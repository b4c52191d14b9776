import { z } from 'zod';
import type { Db } from '@/db/client';
import { diffReport, type DiffRef, type FlowDiffReport } from '@/lib/publish/diff-report';
import { zodIssues } from './issues';
import type { FlowParams } from './flows-handlers';
import { json, problem } from './responses';

/** Response body of GET /api/flows/:id/diff. */
export type DiffBody = FlowDiffReport;

const RefSchema = z
  .string()
  .trim()
  .min(1, 'Name a version id, live or draft')
  .transform((value): DiffRef => (value === 'live' || value === 'draft' ? value : { versionId: value }));

const DiffQuerySchema = z.object({ from: RefSchema.default('live'), to: RefSchema.default('draft') });

export type DiffDeps = { db: Db; publicBaseUrl: string; now: () => Date };

/**
 * GET /api/flows/:id/diff?from=&to=: what changes between two states of a flow (a version id, `live` or
 * `draft`; from live to draft by default), in nodes and edges and in the NCCO a sample call is served.
 */
export async function handleDiff(deps: DiffDeps, request: Request, { id }: FlowParams): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const query = DiffQuerySchema.safeParse({ from: params.get('from') ?? undefined, to: params.get('to') ?? undefined });
  if (!query.success) return problem(400, 'invalid_request', 'The request is not valid', zodIssues(query.error));
  const result = await diffReport(deps.db, id, query.data.from, query.data.to, { publicBaseUrl: deps.publicBaseUrl, now: deps.now() });
  if (result.ok) return json(result.report satisfies DiffBody);
  switch (result.reason) {
    case 'not_found':
      return problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);
    case 'no_version':
      return problem(404, 'not_found', `This flow has no version ${JSON.stringify(result.versionId)}`);
    default:
      return result satisfies never;
  }
}
