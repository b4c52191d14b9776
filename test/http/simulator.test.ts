import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templates } from '@/lib/flow/templates';
import { RunResultSchema } from '@/lib/simulator/scenarios/scenario-result';
import { SimulatedCallBodySchema, type SimulatedCallView } from '@/lib/simulator/view';
import { startServer, type RunningServer } from '../helpers/server';
import { ADMIN, authedFetch, createToken, FAKE_VONAGE, signInCookie } from '../helpers/session';

/*
 * The simulator inside the production build: its webhooks travel over HTTP to the server's own routes,
 * signed (the server has a signature secret), and everything runs the real handlers and engine. Starts
 * from an empty database, so it also checks what a first start seeds.
 */

let server: RunningServer;
let token: string;
let api: ReturnType<typeof authedFetch>;

beforeAll(async () => {
  server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, VONAGE_SIGNATURE_SECRET: FAKE_VONAGE.VONAGE_SIGNATURE_SECRET });
  token = await createToken(server.baseUrl, await signInCookie(server.baseUrl, ADMIN.email, ADMIN.password), 'simulator tests');
  api = authedFetch(server.baseUrl, token);
});
afterAll(async () => {
  await server?.stop();
});

async function call(body: unknown, expectStatus = 201): Promise<SimulatedCallView> {
  const response = await api('/api/simulator/calls', { method: 'POST', body: JSON.stringify(body) });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(expectStatus);
  return SimulatedCallBodySchema.parse(json).call;
}

async function act(id: string, action: unknown): Promise<SimulatedCallView> {
  const response = await api(`/api/simulator/calls/${id}/actions`, { method: 'POST', body: JSON.stringify(action) });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  return SimulatedCallBodySchema.parse(json).call;
}

async function createFlow(templateId: string, name = templateId): Promise<string> {
  const response = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name, templateId }) });
  expect(response.status).toBe(201);
  return (await response.json()).flow.id;
}

async function run(flowId: string) {
  const response = await api(`/api/flows/${flowId}/scenarios/run`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(200);
  return RunResultSchema.parse(await response.json());
}

const heard = (view: SimulatedCallView) => view.transcript.flatMap((e) => (e.type === 'talk' ? [e.text] : []));

describe('first start', () => {
  it('has the example flow live on the demo line, with its scenarios', async () => {
    const { flows } = await (await api('/api/flows')).json();
    expect(flows.map((f: { name: string }) => f.name)).toEqual(['Example: IVR menu']);
    const { number } = await (await api('/api/numbers/447700900000')).json();
    expect(number).toMatchObject({ label: 'Demo line', flowId: flows[0].id, versionNumber: 1 });
    const { scenarios } = await (await api(`/api/flows/${flows[0].id}/scenarios`)).json();
    expect(scenarios.map((s: { name: string }) => s.name)).toEqual(templates[0].scenarios.map((s) => s.name));
  });

  it('answers a test call to the demo line, signed, and follows a key press over HTTP', async () => {
    const started = await call({ to: '447700900000' });
    expect(started).toMatchObject({ status: 'running', version: 'live', versionNumber: 1, currentNodeId: 'main-menu', waiting: { type: 'input' } });
    expect(heard(started)[0]).toBe('Thank you for calling Example Company.');
    // Every webhook was accepted: a refused signature would show as a 401 in the transcript.
    expect(started.transcript.filter((e) => e.type === 'webhook').map((e) => e.type === 'webhook' && e.response)).toEqual([200, 200, 200, 200]);

    const pressed = await act(started.id, { type: 'keys', digits: '2' });
    expect(heard(pressed).at(-1)).toBe('Connecting you to customer support.');
    const ended = await act(started.id, { type: 'hangup' });
    expect(ended).toMatchObject({ status: 'ended', call: { simulated: true, status: 'completed' } });

    const again = await api(`/api/simulator/calls/${started.id}`);
    expect(SimulatedCallBodySchema.parse(await again.json()).call.status).toBe('ended');
    const late = await api(`/api/simulator/calls/${started.id}/actions`, { method: 'POST', body: JSON.stringify({ type: 'hangup' }) });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe('call_not_running');
  });
});

describe('scenarios over HTTP', () => {
  it.each(templates.map((t) => t.id))('all pass for a flow made from the %s template', async (templateId) => {
    const result = await run(await createFlow(templateId));
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.results.filter((r) => !r.passed).map((r) => r.failure)).toEqual([]);
    expect(result.failed).toBe(0);
  });

  it('fails on a broken flow, naming the step and what was heard', async () => {
    const flowId = await createFlow('ivr-menu', 'Broken IVR');
    const { flow } = await (await api(`/api/flows/${flowId}`)).json();
    const document = structuredClone(flow.document);
    document.edges = document.edges.map((e: { source: string; sourceHandle: string; target: string }) =>
      e.source === 'main-menu' && e.sourceHandle === 'support' ? { ...e, target: 'sales-intro' } : e,
    );
    const saved = await api(`/api/flows/${flowId}`, { method: 'PUT', body: JSON.stringify({ revision: flow.revision, document }) });
    expect(saved.status).toBe(200);
    const result = await run(flowId);
    const support = result.results.find((r) => r.name === 'Press 2 for support')!;
    expect(support.failure).toMatchObject({
      step: 4,
      description: 'Expect to hear “Connecting you to customer support”',
      heard: ['Connecting you to our sales team.'],
    });
    expect(result.failed).toBe(1);
  });

  it('npm run scenarios exits 0 when every scenario passes and 1 when one fails, saying which', async () => {
    const good = await createFlow('forward-to-mobile', 'CLI good');
    const cli = (flowId: string) =>
      spawnSync(process.execPath, [path.resolve(__dirname, '..', 'run-scenarios.mjs'), '--flow', flowId], {
        env: { ...process.env, SWITCHBOARD_URL: server.baseUrl, SWITCHBOARD_TOKEN: token },
        encoding: 'utf8',
      });
    const passing = cli(good);
    expect(passing.status, passing.stderr).toBe(0);
    expect(passing.stdout).toContain('✓ Answered on the mobile');
    expect(passing.stdout).toContain('2 passed, 0 failed');

    const flows = (await (await api('/api/flows')).json()).flows as { id: string; name: string }[];
    const broken = flows.find((f) => f.name === 'Broken IVR')!;
    const failing = cli(broken.id);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('✕ Press 2 for support');
    expect(failing.stdout).toContain('step 4 (Expect to hear “Connecting you to customer support”)');
    expect(failing.stdout).toContain('heard: “Connecting you to our sales team.”');

    const noToken = spawnSync(process.execPath, [path.resolve(__dirname, '..', 'run-scenarios.mjs')], { env: { ...process.env, SWITCHBOARD_TOKEN: '' }, encoding: 'utf8' });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toMatch(/SWITCHBOARD_TOKEN/);
  });
});

describe('business hours', () => {
  it.each([
    { dateTime: '2026-03-11T09:30', expected: 'connect-office' },
    { dateTime: '2026-03-11T17:45', expected: 'closed-message' },
  ])('a call at $dateTime in London goes to $expected', async ({ dateTime, expected }) => {
    const flowId = await createFlow('business-hours', `Hours ${dateTime}`);
    const view = await call({ flowId, clock: { dateTime, timeZone: 'Europe/London' } });
    expect(view.path).toContain(expected);
    expect(view.clock).toEqual({ dateTime, timeZone: 'Europe/London' });
    await act(view.id, { type: 'hangup' });
  });

  it('refuses a clock that is not a real time, with the field named', async () => {
    const flowId = await createFlow('business-hours', 'Hours bad clock');
    const response = await api('/api/simulator/calls', { method: 'POST', body: JSON.stringify({ flowId, clock: { dateTime: '24 Dec 17:30', timeZone: 'Europe/London' } }) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues).toEqual([{ path: 'clock.dateTime', message: 'Give a date and time such as 2026-12-24T17:30' }]);
  });
});
