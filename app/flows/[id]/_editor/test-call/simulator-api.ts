import { z } from 'zod';
import { formatIssue } from '@/lib/api/issues';
import { ProblemSchema } from '@/lib/api/responses';
import { RunResultSchema, type RunRequest, type RunResult } from '@/lib/simulator/scenarios/scenario-result';
import { ScenarioSchema, type ScenarioInput } from '@/lib/simulator/scenarios/scenario-schema';
import type { StartCallRequest } from '@/lib/simulator/start-request';
import type { CallerAction } from '@/lib/simulator/transcript';
import { SimulatedCallBodySchema, type SimulatedCallView } from '@/lib/simulator/view';

/*
 * The test-call panel's REST calls. Every answer is parsed, since a proxy may answer instead of
 * Switchboard; a failure comes back as one readable message.
 */

export type Answer<T> = { ok: true; data: T } | { ok: false; message: string };

/** A scenario as JSON carries it: dates as ISO strings. */
const WireScenarioSchema = ScenarioSchema.extend({ createdAt: z.string(), updatedAt: z.string() });
export type WireScenario = z.infer<typeof WireScenarioSchema>;

async function send<T>(path: string, schema: z.ZodType<T>, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return { ok: false, message: 'Could not reach Switchboard' };
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) {
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, message: 'Unexpected answer from the server' };
  }
  const problem = ProblemSchema.safeParse(json);
  if (!problem.success) return { ok: false, message: `The server answered ${response.status}` };
  const { message, issues = [] } = problem.data.error;
  return { ok: false, message: issues.length > 0 ? `${message}: ${issues.map(formatIssue).join('; ')}` : message };
}

const callBody = SimulatedCallBodySchema.transform((body) => body.call);

export const startCall = (body: StartCallRequest) => send('/api/simulator/calls', callBody, { method: 'POST', body });
export const readCall = (id: string, signal?: AbortSignal) => send(`/api/simulator/calls/${encodeURIComponent(id)}`, callBody, { signal });
export const actOnCall = (id: string, action: CallerAction) =>
  send(`/api/simulator/calls/${encodeURIComponent(id)}/actions`, callBody, { method: 'POST', body: action });

const scenariosPath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/scenarios`;
const ScenarioBody = z.object({ scenario: WireScenarioSchema }).transform((b) => b.scenario);

export const listScenarios = (flowId: string) => send(scenariosPath(flowId), z.object({ scenarios: z.array(WireScenarioSchema) }).transform((b) => b.scenarios));
export const createScenario = (flowId: string, input: ScenarioInput) => send(scenariosPath(flowId), ScenarioBody, { method: 'POST', body: input });
export const replaceScenario = (flowId: string, id: string, input: ScenarioInput) =>
  send(`${scenariosPath(flowId)}/${encodeURIComponent(id)}`, ScenarioBody, { method: 'PUT', body: input });
export const deleteScenario = (flowId: string, id: string) => send(`${scenariosPath(flowId)}/${encodeURIComponent(id)}`, z.null(), { method: 'DELETE' });
export const runScenarios = (flowId: string, body: Partial<RunRequest>): Promise<Answer<RunResult>> =>
  send(`${scenariosPath(flowId)}/run`, RunResultSchema, { method: 'POST', body });

export type { SimulatedCallView };
