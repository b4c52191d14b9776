import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import type { Config } from '@/lib/config';
import { defaultFromNumber, OutboundTestCallSchema, outboundConfigured, placeOutboundTestCall } from '@/lib/drafts/outbound-test-call';
import { flowExists } from '@/lib/flows/read';
import { missingCredentials } from '@/lib/vonage-account';
import { readJson } from './read-json';
import { json, problem } from './responses';
import { vonageProblem } from './vonage-problem';

type FlowParams = { id: string };

/** What the "Call my phone" form needs before it shows: whether calls can be placed, and from which number. */
export type OutboundOptionsBody = { configured: boolean; missing: string[]; defaultFrom: string | null };

const notFound = (id: string) => problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);

/** GET /api/flows/:id/test-call/outbound */
export function handleOutboundOptions(db: Db, config: Config, { id }: FlowParams): Response {
  if (!flowExists(db, id)) return notFound(id);
  const body: OutboundOptionsBody = { configured: outboundConfigured(config), missing: missingCredentials(config, 'calls'), defaultFrom: defaultFromNumber(db, id) };
  return json(body);
}

/** POST /api/flows/:id/test-call/outbound: call the user's phone with the draft. */
export async function handlePlaceOutboundCall(db: Db, config: Config, request: Request, actor: Actor, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, OutboundTestCallSchema);
  if (!body.ok) return body.response;
  const result = await placeOutboundTestCall(db, { config }, id, body.data);
  if (!result.ok) {
    switch (result.reason) {
      case 'not_found':
        return notFound(id);
      case 'invalid':
        return problem(400, 'invalid_request', 'The test call cannot be placed', result.issues);
      case 'vonage':
        return vonageProblem(result.failure);
      default:
        return result satisfies never;
    }
  }
  const { call } = result;
  const details = { version: 'draft', flowId: id, flowName: call.flowName, from: call.from, to: call.to, uuid: call.uuid };
  recordAudit(db, { action: 'test_call.started', ...auditActor(actor), target: { type: 'flow', id }, details });
  return json({ call: { uuid: call.uuid, status: call.status, from: call.from, to: call.to } }, 201);
}
