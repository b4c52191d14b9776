import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { flowName, getFlow, listFlows } from '@/lib/flows/read';
import type { Flow, FlowSummary } from '@/lib/flows/stored-flow';
import { createFlow, deleteFlow, updateFlow } from '@/lib/flows/write';
import { newFlowRequestSchema, UpdateFlowRequestSchema } from './flow-requests';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type FlowListBody = { flows: FlowSummary[] };
export type FlowBody = { flow: Flow };

export type FlowParams = { id: string };

const notFound = (id: string) => problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);

/** GET /api/flows?q= */
export function handleListFlows(db: Db, request: Request): Response {
  const q = new URL(request.url).searchParams.get('q') ?? '';
  return json({ flows: listFlows(db, { q }) } satisfies FlowListBody);
}

/** POST /api/flows: blank, from a template, or an import. */
export async function handleCreateFlow(db: Db, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, newFlowRequestSchema);
  if (!body.ok) return body.response;
  const result = createFlow(db, body.data);
  if (!result.ok) {
    return problem(400, 'invalid_request', 'The request is not valid', [
      { path: 'templateId', message: 'There is no template with this id' },
    ]);
  }
  const { flow } = result;
  recordAudit(db, {
    action: body.data.source === 'import' ? 'flow.imported' : 'flow.created',
    ...auditActor(actor),
    target: { type: 'flow', id: flow.id },
    details: { name: flow.name, ...(body.data.source === 'template' && { templateId: body.data.templateId }) },
  });
  return json({ flow } satisfies FlowBody, 201);
}

/** GET /api/flows/:id */
export function handleGetFlow(db: Db, _request: Request, { id }: FlowParams): Response {
  const flow = getFlow(db, id);
  return flow ? json({ flow } satisfies FlowBody) : notFound(id);
}

/** PUT /api/flows/:id: refused with 409 when the flow was saved since the client loaded it. */
export async function handleUpdateFlow(db: Db, request: Request, actor: Actor, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, UpdateFlowRequestSchema);
  if (!body.ok) return body.response;
  const nameBefore = body.data.name === undefined ? null : flowName(db, id);
  const result = updateFlow(db, id, body.data);
  if (result.ok) {
    const { flow } = result;
    const who = auditActor(actor);
    const target = { type: 'flow', id } as const;
    if (nameBefore !== null && nameBefore !== flow.name) {
      recordAudit(db, { action: 'flow.renamed', ...who, target, details: { from: nameBefore, to: flow.name } });
    }
    if (body.data.document || body.data.layout) {
      recordAudit(db, { action: 'flow.edited', ...who, target, details: { name: flow.name, revision: flow.revision } }, undefined, { coalesce: true });
    }
    return json({ flow } satisfies FlowBody);
  }
  switch (result.reason) {
    case 'not_found':
      return notFound(id);
    case 'stale_revision':
      return problem(
        409,
        'stale_revision',
        `This flow was saved elsewhere after revision ${body.data.revision}; reload revision ${result.currentRevision} and apply your changes again`,
        undefined,
        { currentRevision: result.currentRevision },
      );
    default:
      return result satisfies never;
  }
}

/** DELETE /api/flows/:id: refused with 409 while a number routes calls to the flow. */
export function handleDeleteFlow(db: Db, _request: Request, actor: Actor, { id }: FlowParams): Response {
  const name = flowName(db, id);
  const result = deleteFlow(db, id);
  if (result.ok) {
    recordAudit(db, { action: 'flow.deleted', ...auditActor(actor), target: { type: 'flow', id }, details: { name } });
    return new Response(null, { status: 204 });
  }
  switch (result.reason) {
    case 'not_found':
      return notFound(id);
    case 'in_use':
      return problem(
        409,
        'flow_in_use',
        `This flow answers calls to ${result.numbers.join(', ')}. Move ${result.numbers.length === 1 ? 'that number' : 'those numbers'} to another flow first.`,
      );
    default:
      return result satisfies never;
  }
}
