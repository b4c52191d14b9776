import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { flowName } from '@/lib/flows/read';
import { actOnSimulatedCall } from '@/lib/simulator/act-call';
import type { SimulatorDeps, SimulatorFailure } from '@/lib/simulator/deps';
import { readSimulatedCall } from '@/lib/simulator/read-call';
import { startSimulatedCall } from '@/lib/simulator/start-call';
import { StartCallRequestSchema } from '@/lib/simulator/start-request';
import { CallerActionSchema } from '@/lib/simulator/transcript';
import type { SimulatedCallBody } from '@/lib/simulator/view';
import { readJson } from './read-json';
import { json, problem } from './responses';

export type SimulatedCallParams = { id: string };

/** POST /api/simulator/calls: places a test call; answers once it waits for the tester (or has ended). */
export async function handleStartSimulatedCall(deps: SimulatorDeps, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, StartCallRequestSchema);
  if (!body.ok) return body.response;
  const result = await startSimulatedCall(deps, body.data, actor.user.id);
  if (!result.ok) return failureResponse(result);
  const { call } = result;
  recordAudit(deps.db, {
    action: 'test_call.started',
    ...auditActor(actor),
    target: { type: 'flow', id: call.flowId },
    details: {
      callUuid: call.id,
      flowName: flowName(deps.db, call.flowId),
      version: call.version,
      from: call.from,
      to: call.to,
      ...(call.clock && { clock: call.clock }),
    },
  });
  return json({ call } satisfies SimulatedCallBody, 201);
}

/** GET /api/simulator/calls/:id: the transcript, what the call waits for, and where it is in the flow. */
export function handleGetSimulatedCall(deps: Pick<SimulatorDeps, 'db'>, { id }: SimulatedCallParams): Response {
  const call = readSimulatedCall(deps.db, id);
  return call ? json({ call } satisfies SimulatedCallBody) : problem(404, 'not_found', `There is no test call ${JSON.stringify(id)}`);
}

/** POST /api/simulator/calls/:id/actions: keys, speech, a timeout, a connect outcome, a recording, hang up. */
export async function handleSimulatedCallAction(deps: SimulatorDeps, request: Request, { id }: SimulatedCallParams): Promise<Response> {
  const body = await readJson(request, CallerActionSchema);
  if (!body.ok) return body.response;
  const result = await actOnSimulatedCall(deps, id, body.data);
  return result.ok ? json({ call: result.call } satisfies SimulatedCallBody) : failureResponse(result);
}

export function failureResponse(failure: SimulatorFailure): Response {
  switch (failure.reason) {
    case 'not_found':
      return problem(404, 'not_found', failure.message);
    case 'invalid':
      return problem(400, 'invalid_request', failure.message, failure.issues);
    case 'too_many':
      return problem(429, 'too_many_calls', failure.message);
    case 'not_running':
      return problem(409, 'call_not_running', failure.message);
    case 'refused':
      return problem(409, 'action_refused', failure.message);
    default:
      return failure satisfies never;
  }
}
