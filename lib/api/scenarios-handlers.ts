import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import { flowName } from '@/lib/flows/read';
import type { SimulatorDeps } from '@/lib/simulator/deps';
import { runScenarios } from '@/lib/simulator/scenarios/run-scenarios';
import { RunRequestSchema, type RunResult } from '@/lib/simulator/scenarios/scenario-result';
import { ScenarioInputSchema, type Scenario } from '@/lib/simulator/scenarios/scenario-schema';
import { createScenarios, deleteScenario, getScenario, listScenarios, replaceScenario } from '@/lib/simulator/scenarios/scenario-store';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type ScenarioListBody = { scenarios: Scenario[] };
export type ScenarioBody = { scenario: Scenario };
export type RunBody = RunResult;

export type ScenarioParams = { id: string; scenarioId: string };

const noFlow = (id: string) => problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);
const noScenario = (id: string) => problem(404, 'not_found', `This flow has no scenario ${JSON.stringify(id)}`);

/** GET /api/flows/:id/scenarios */
export function handleListScenarios(db: Db, { id }: { id: string }): Response {
  const name = flowName(db, id);
  return name === null ? noFlow(id) : json({ scenarios: listScenarios(db, id) } satisfies ScenarioListBody);
}

/** POST /api/flows/:id/scenarios */
export async function handleCreateScenario(db: Db, request: Request, actor: Actor, { id }: { id: string }): Promise<Response> {
  const body = await readJson(request, ScenarioInputSchema);
  if (!body.ok) return body.response;
  const name = flowName(db, id);
  if (name === null) return noFlow(id);
  const [scenario] = createScenarios(db, id, [body.data]);
  audit(db, actor, 'scenario.created', scenario, name);
  return json({ scenario } satisfies ScenarioBody, 201);
}

/** GET /api/flows/:id/scenarios/:scenarioId */
export function handleGetScenario(db: Db, { id, scenarioId }: ScenarioParams): Response {
  const scenario = getScenario(db, id, scenarioId);
  return scenario ? json({ scenario } satisfies ScenarioBody) : noScenario(scenarioId);
}

/** PUT /api/flows/:id/scenarios/:scenarioId: replaces the name, setup and steps. */
export async function handleReplaceScenario(db: Db, request: Request, actor: Actor, { id, scenarioId }: ScenarioParams): Promise<Response> {
  const body = await readJson(request, ScenarioInputSchema);
  if (!body.ok) return body.response;
  const scenario = replaceScenario(db, id, scenarioId, body.data);
  if (!scenario) return noScenario(scenarioId);
  audit(db, actor, 'scenario.changed', scenario, flowName(db, id));
  return json({ scenario } satisfies ScenarioBody);
}

/** DELETE /api/flows/:id/scenarios/:scenarioId */
export function handleDeleteScenario(db: Db, actor: Actor, { id, scenarioId }: ScenarioParams): Response {
  const scenario = getScenario(db, id, scenarioId);
  if (!scenario || !deleteScenario(db, id, scenarioId)) return noScenario(scenarioId);
  audit(db, actor, 'scenario.deleted', scenario, flowName(db, id));
  return new Response(null, { status: 204 });
}

/** POST /api/flows/:id/scenarios/run: plays the scenarios as simulated calls; 200 with results, pass or fail. */
export async function handleRunScenarios(deps: SimulatorDeps, request: Request, actor: Actor, { id }: { id: string }): Promise<Response> {
  const body = await readJson(request, RunRequestSchema);
  if (!body.ok) return body.response;
  const name = flowName(deps.db, id);
  if (name === null) return noFlow(id);
  const outcome = await runScenarios(deps, id, body.data, actor.user.id);
  if (!outcome.ok) {
    const issues = outcome.unknown.map((scenarioId) => ({ path: 'scenarioIds', message: `This flow has no scenario ${JSON.stringify(scenarioId)}` }));
    return problem(400, 'invalid_request', 'The request is not valid', issues);
  }
  const { run } = outcome;
  recordAudit(deps.db, {
    action: 'scenarios.run',
    ...auditActor(actor),
    target: { type: 'flow', id },
    details: { flowName: name, version: body.data.version, passed: run.passed, total: run.results.length },
  });
  return json(run satisfies RunBody);
}

function audit(db: Db, actor: Actor, action: 'scenario.created' | 'scenario.changed' | 'scenario.deleted', scenario: Scenario, name: string | null): void {
  recordAudit(db, { action, ...auditActor(actor), target: { type: 'scenario', id: scenario.id }, details: { name: scenario.name, flowId: scenario.flowId, flowName: name } });
}
