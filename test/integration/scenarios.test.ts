import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { flows, numbers, scenarios } from '@/db/schema';
import { handleCreateScenario, handleListScenarios, handleRunScenarios } from '@/lib/api/scenarios-handlers';
import { templates } from '@/lib/flow/templates';
import { getFlow } from '@/lib/flows/read';
import { createFlow, updateFlow } from '@/lib/flows/write';
import { getNumber } from '@/lib/numbers/read';
import { DEMO_LINE, EXAMPLE_FLOW_NAME, seedExample } from '@/lib/simulator/demo-line';
import type { SimulatorDeps } from '@/lib/simulator/deps';
import { runningCalls } from '@/lib/simulator/registry';
import { runScenario } from '@/lib/simulator/scenarios/run-scenario';
import { RunResultSchema } from '@/lib/simulator/scenarios/scenario-result';
import { ScenarioInputSchema, ScenarioSchema } from '@/lib/simulator/scenarios/scenario-schema';
import { listScenarios } from '@/lib/simulator/scenarios/scenario-store';
import { apiRequest, testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { inProcessSimulator } from '../helpers/simulator';

let db: Db;
let sim: SimulatorDeps;

beforeEach(() => {
  runningCalls().clear();
  db = createTestDb();
  sim = inProcessSimulator(db);
});

function flowFrom(templateId: string): string {
  const created = createFlow(db, { source: 'template', name: templateId, templateId });
  if (!created.ok) throw new Error(templateId);
  return created.flow.id;
}

describe('template scenarios', () => {
  it.each(templates.map((t) => [t.id, t] as const))('%s comes with scenarios that pass on its draft', async (_id, template) => {
    const flowId = flowFrom(template.id);
    const saved = listScenarios(db, flowId);
    expect(saved.map((s) => s.name)).toEqual(template.scenarios.map((s) => s.name));
    for (const scenario of saved) {
      const result = await runScenario(sim, scenario, { version: 'draft', startedBy: null });
      expect(result.failure, `${scenario.name}: ${JSON.stringify(result.failure)}`).toBeNull();
      expect(result.steps.every((s) => s.status === 'passed')).toBe(true);
    }
  });

  it('has every template scenario valid against the scenario schema', () => {
    for (const template of templates) for (const scenario of template.scenarios) expect(ScenarioInputSchema.safeParse(scenario).success).toBe(true);
  });
});

describe('a broken flow', () => {
  it('fails its scenario at the step that expected the old prompt, saying what was heard instead', async () => {
    const flowId = flowFrom('ivr-menu');
    const flow = getFlow(db, flowId)!;
    const document = structuredClone(flow.document);
    // Key 2 now leads to the sales prompt: the support scenario must notice.
    document.edges = document.edges.map((e) => (e.source === 'main-menu' && e.sourceHandle === 'support' ? { ...e, target: 'sales-intro' } : e));
    updateFlow(db, flowId, { revision: flow.revision, document });
    const scenario = listScenarios(db, flowId).find((s) => s.name === 'Press 2 for support')!;
    const result = await runScenario(sim, scenario, { version: 'draft', startedBy: null });
    expect(result.passed).toBe(false);
    expect(result.failure).toEqual({
      step: 4,
      description: 'Expect to hear “Connecting you to customer support”',
      message: 'Expected to hear “Connecting you to customer support”, but heard “Connecting you to our sales team.”; the call now waits for the connected call to be answered',
      heard: ['Connecting you to our sales team.'],
    });
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'failed', 'skipped', 'skipped', 'skipped']);
  });

  it.each([
    { steps: [{ type: 'end' as const }], message: 'Expected the call to end, but the call now waits for keys or speech' },
    { steps: [{ type: 'reach' as const, nodeId: 'voicemail' }], message: 'Expected to reach voicemail, but the call went start → welcome → main-menu; the call now waits for keys or speech' },
    { steps: [{ type: 'connect' as const, outcome: 'busy' as const }], message: 'No connect is ringing: the call is waiting for keys or speech' },
    { steps: [{ type: 'press' as const, keys: '2' }, { type: 'say' as const, words: 'hello' }], message: 'Nobody is listening for speech: the call is waiting for the outcome of a connect' },
  ])('reports a failing $steps.0.type step in words', async ({ steps, message }) => {
    const flowId = flowFrom('ivr-menu');
    const scenario = ScenarioSchema.parse({ id: 'sc_x', flowId, name: 'x', setup: {}, steps, createdAt: new Date(), updatedAt: new Date() });
    const result = await runScenario(sim, scenario, { version: 'draft', startedBy: null });
    expect(result.failure?.message).toBe(message);
  });

  it('reports a call that could not be placed as step 0', async () => {
    const flowId = flowFrom('ivr-menu');
    const scenario = ScenarioSchema.parse({ id: 'sc_x', flowId, name: 'x', setup: {}, steps: [{ type: 'end' }], createdAt: new Date(), updatedAt: new Date() });
    const result = await runScenario(sim, scenario, { version: 'live', startedBy: null });
    expect(result.failure).toMatchObject({ step: 0, message: expect.stringMatching(/^The call could not be placed: This flow has no published version/) });
    expect(result.steps[0].status).toBe('skipped');
  });
});

describe('scenarios API handlers', () => {
  it('adds a scenario, lists it, and runs only the chosen ones', async () => {
    const flowId = flowFrom('forward-to-mobile');
    const actor = testActor(db);
    const body = { name: 'Hears the hold message', steps: [{ type: 'hear', text: 'please HOLD' }] };
    const created = await handleCreateScenario(db, apiRequest('POST', `/api/flows/${flowId}/scenarios`, { body }), actor, { id: flowId });
    expect(created.status).toBe(201);
    const { scenario } = await created.json();
    expect(scenario).toMatchObject({ name: body.name, setup: { from: '447700900999', clock: null }, steps: body.steps });
    const listed = await handleListScenarios(db, { id: flowId }).json();
    expect(listed.scenarios).toHaveLength(3);

    const run = await handleRunScenarios(sim, apiRequest('POST', '/run', { body: { scenarioIds: [scenario.id] } }), actor, { id: flowId });
    const parsed = RunResultSchema.parse(await run.json());
    expect(parsed).toMatchObject({ passed: 1, failed: 0, results: [{ scenarioId: scenario.id, passed: true }] });
  });

  it.each([
    { body: { name: '', steps: [] }, paths: ['name', 'steps'] },
    { body: { name: 'x', steps: [{ type: 'press', keys: 'abc' }] }, paths: ['steps.0.keys'] },
    { body: { name: 'x', setup: { clock: { dateTime: '2026-02-30T10:00', timeZone: 'Mars/Olympus' } }, steps: [{ type: 'end' }] }, paths: ['setup.clock.dateTime', 'setup.clock.timeZone'] },
  ])('refuses a scenario with bad fields: $paths', async ({ body, paths }) => {
    const flowId = flowFrom('ivr-menu');
    const response = await handleCreateScenario(db, apiRequest('POST', '/x', { body }), testActor(db), { id: flowId });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
  });

  it('refuses to run unknown scenario ids', async () => {
    const flowId = flowFrom('ivr-menu');
    const response = await handleRunScenarios(sim, apiRequest('POST', '/run', { body: { scenarioIds: ['sc_nope'] } }), testActor(db), { id: flowId });
    expect(response.status).toBe(400);
  });

  it('deletes a flow’s scenarios with the flow', () => {
    const flowId = flowFrom('ivr-menu');
    db.delete(flows).run();
    expect(db.select().from(scenarios).all()).toHaveLength(0);
    expect(listScenarios(db, flowId)).toEqual([]);
  });
});

describe('first start', () => {
  it('seeds an empty database once: the IVR example, published, live on the demo line, with its scenarios', async () => {
    const seeded = seedExample(db);
    expect(seeded).not.toBeNull();
    const flow = getFlow(db, seeded!.flowId)!;
    expect(flow.name).toBe(EXAMPLE_FLOW_NAME);
    expect(getNumber(db, DEMO_LINE.number)).toMatchObject({ label: 'Demo line', flowId: flow.id, versionId: seeded!.versionId, versionNumber: 1 });
    expect(listScenarios(db, flow.id)).toHaveLength(4);
    expect(seedExample(db)).toBeNull();
    expect(db.select().from(flows).all()).toHaveLength(1);
  });

  it('leaves a database that already has flows alone, and does not come back once the example is deleted', () => {
    flowFrom('business-hours');
    expect(seedExample(db)).toBeNull();
    db.delete(flows).run();
    expect(seedExample(db)).toBeNull();
    expect(db.select().from(numbers).all()).toHaveLength(0);
  });
});
