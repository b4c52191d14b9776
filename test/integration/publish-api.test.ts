import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/accounts-schema';
import { handleCreateFlow, handleUpdateFlow } from '@/lib/api/flows-handlers';
import { handleDiff } from '@/lib/api/diff-handlers';
import { handlePublish, handleRollback } from '@/lib/api/publish-handlers';
import { handleGetVersion, handleListVersions } from '@/lib/api/versions-handlers';
import { describeAudit } from '@/lib/audit/describe';
import type { Actor } from '@/lib/auth/actor';
import { parseConfig } from '@/lib/config';
import type { FlowDocument } from '@/lib/flow/document';
import { getFlow } from '@/lib/flows/read';
import { numberRow } from '@/lib/publish/number-row';
import type { PublishDeps } from '@/lib/publish/publish';
import { createNumber } from '@/lib/numbers/write';
import { resolveNumber } from '@/lib/numbers/read';
import { runningCalls } from '@/lib/simulator/registry';
import { createScenarios } from '@/lib/simulator/scenarios/scenario-store';
import type { VonageDeps } from '@/lib/vonage-account';
import { startVonageEmulator, type EmulatedNumber, type VonageEmulator } from '@/test/helpers/vonage-emulator';
import { testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { request } from '../helpers/request';
import { inProcessSimulator, SIM_BASE } from '../helpers/simulator';

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const KEY = 'abc123';
const SECRET = 'S3cretValue99';
const LOCAL = '447700900100';
const VONAGE_NEW = '447700900111';
const VONAGE_OTHER = '447700900222';

let db: Db;
let actor: Actor;
let emulator: VonageEmulator;

/** The application as Vonage stores it before Switchboard touches it. */
const oldApplication = () => ({
  id: APP_ID,
  name: 'Support line',
  capabilities: {
    voice: { webhooks: { answer_url: { address: 'https://old.example.com/answer', http_method: 'GET' }, event_url: { address: 'https://old.example.com/events', http_method: 'POST' } }, signed_callbacks: false },
    rtc: { webhooks: { event_url: { address: 'https://old.example.com/rtc', http_method: 'POST' } } },
  },
});

const owned = (msisdn: string, linked: boolean): EmulatedNumber => ({
  country: 'GB',
  msisdn,
  type: 'mobile-lvn',
  features: ['VOICE'],
  ...(linked ? { voiceCallbackType: 'app', voiceCallbackValue: APP_ID } : {}),
});

beforeEach(async () => {
  runningCalls().clear();
  db = createTestDb();
  actor = testActor(db);
  emulator = await startVonageEmulator({ apiKey: KEY, apiSecret: SECRET, applicationId: APP_ID, applications: [oldApplication()], numbers: [owned(VONAGE_NEW, false), owned(VONAGE_OTHER, true)] });
});
afterEach(async () => {
  await emulator.stop();
});

function vonage(timeoutMs?: number): VonageDeps {
  const config = parseConfig({ PUBLIC_BASE_URL: SIM_BASE, VONAGE_API_KEY: KEY, VONAGE_API_SECRET: SECRET, VONAGE_APPLICATION_ID: APP_ID, VONAGE_REST_HOST: emulator.url, VONAGE_API_HOST: emulator.url });
  return timeoutMs === undefined ? { config } : { config, hosts: { timeoutMs } };
}

function deps(options: { vonage?: VonageDeps | null } = {}): PublishDeps {
  return { db, simulator: inProcessSimulator(db), vonage: options.vonage === undefined ? null : options.vonage, publicBaseUrl: SIM_BASE, now: () => new Date() };
}

const greeting = (text = 'Hello'): FlowDocument => flow(nodes(node('start'), node('say', { text }, 'hi'), node('hangup', {}, 'bye')), edges('start>hi', 'hi>bye'));

async function createdFlow(document: FlowDocument = greeting()): Promise<{ id: string; revision: number }> {
  const response = await handleCreateFlow(db, request('POST', '/api/flows', { name: 'Support', document }), actor);
  return (await response.json()).flow;
}

async function saveDraft(id: string, document: FlowDocument) {
  const { revision } = getFlow(db, id)!;
  const response = await handleUpdateFlow(db, request('PUT', `/api/flows/${id}`, { revision, document }), actor, { id });
  expect(response.status).toBe(200);
}

const publish = (id: string, body: unknown, d: PublishDeps = deps()) => handlePublish(d, request('POST', `/api/flows/${id}/publish`, body), actor, { id });
const rollback = (id: string, body: unknown, d: PublishDeps = deps()) => handleRollback(d, request('POST', `/api/flows/${id}/rollback`, body), actor, { id });
const diff = (id: string, query = '') => handleDiff({ db, publicBaseUrl: SIM_BASE, now: () => new Date('2025-03-03T10:00:00Z') }, request('GET', `/api/flows/${id}/diff${query}`), { id });

function localNumber(number = LOCAL) {
  const created = createNumber(db, { number, label: 'Test line' });
  if (!created.ok) throw new Error('number');
}

describe('publishing to a local number', () => {
  it('creates the next version with its author and makes it live on the number', async () => {
    const { id } = await createdFlow();
    localNumber();
    const response = await publish(id, { note: 'First', numbers: [LOCAL] });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.version).toMatchObject({ number: 1, note: 'First', authorName: 'Test editor' });
    expect(body.created).toBe(true);
    expect(body.numbers).toEqual([{ number: LOCAL, live: true, vonage: { status: 'local' } }]);
    expect(resolveNumber(db, LOCAL)).toMatchObject({ flowId: id, versionId: body.version.id });
    const audit = db.select().from(auditLog).all().find((e) => e.action === 'version.published');
    expect(audit?.details).toMatchObject({ number: 1, numbers: [{ number: LOCAL, live: true, vonage: 'local' }] });
    expect(describeAudit(audit!)).toBe(`Version 1: First · live on ${LOCAL}`);

    // Without `numbers`, a publish goes to the numbers the flow is on.
    await saveDraft(id, greeting('Hello again'));
    const second = await (await publish(id, {})).json();
    expect(second.version.number).toBe(2);
    expect(resolveNumber(db, LOCAL)?.versionId).toBe(second.version.id);
    const list = await (await handleListVersions(db, request('GET', '/'), { id })).json();
    expect(list.versions.map((v: { number: number; liveOn: string[] }) => [v.number, v.liveOn])).toEqual([[2, [LOCAL]], [1, []]]);
  });

  it('reuses the newest version when the draft has not changed, so a retry makes no copy', async () => {
    const { id } = await createdFlow();
    localNumber();
    const first = await (await publish(id, { numbers: [LOCAL] })).json();
    const again = await publish(id, { numbers: [LOCAL] });
    expect(again.status).toBe(200);
    const body = await again.json();
    expect(body).toMatchObject({ created: false, version: { id: first.version.id, number: 1 } });
  });

  it('refuses a number that is neither Switchboard’s nor the account’s', async () => {
    const { id } = await createdFlow();
    const response = await publish(id, { numbers: ['447700900555'] });
    expect(response.status).toBe(422);
    expect((await response.json()).error.issues).toEqual([{ path: 'numbers.0', message: '447700900555 is not one of your numbers: add it on the Numbers page first' }]);
  });
});

describe('publish checks, in order', () => {
  it('blocks a draft with errors, naming the node and field', async () => {
    const { id } = await createdFlow(greeting(''));
    const response = await publish(id, { acknowledgeWarnings: true });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe('flow_invalid');
    expect(error.issues[0]).toMatchObject({ path: 'nodes.1.data.text', nodeId: 'hi' });
    expect(await (await handleListVersions(db, request('GET', '/'), { id })).json()).toEqual({ versions: [] });
  });

  it('asks to acknowledge warnings, then publishes', async () => {
    const document = greeting();
    document.nodes.push(node('say', { text: 'Nobody hears me' }, 'orphan'));
    const { id } = await createdFlow(document);
    const refused = await publish(id, {});
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.code).toBe('warnings_unconfirmed');
    expect(error.issues.some((i: { nodeId?: string }) => i.nodeId === 'orphan')).toBe(true);
    expect((await publish(id, { acknowledgeWarnings: true })).status).toBe(201);
  });

  it('runs the saved scenarios on the draft and names each failing one', async () => {
    const { id } = await createdFlow(greeting('Hello'));
    createScenarios(db, id, [
      { name: 'Greets', steps: [{ type: 'hear', text: 'Hello' }] },
      { name: 'Says goodbye', steps: [{ type: 'hear', text: 'Goodbye' }] },
    ]);
    const response = await publish(id, {});
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe('scenarios_failed');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].message).toMatch(/^Says goodbye failed at step 1 \(Expect to hear “Goodbye”\): Expected to hear “Goodbye”, but heard “Hello”/);
  });

  it('reports everything on a dry run and creates nothing', async () => {
    const document = greeting('Hello');
    document.nodes.push(node('say', { text: 'Nobody hears me' }, 'orphan'));
    const { id } = await createdFlow(document);
    createScenarios(db, id, [{ name: 'Greets', steps: [{ type: 'hear', text: 'Hello' }] }]);
    localNumber();
    const response = await publish(id, { dryRun: true, numbers: [LOCAL] });
    expect(response.status).toBe(200);
    const { report } = await response.json();
    expect(report.checks.errors).toEqual([]);
    expect(report.checks.warnings.length).toBeGreaterThan(0);
    expect(report.checks.scenarios.map((s: { name: string; passed: boolean }) => [s.name, s.passed])).toEqual([['Greets', true]]);
    expect(report.diff.from).toEqual({ kind: 'none' });
    expect(report.diff.diff.nodes.added.map((n: { id: string }) => n.id)).toEqual(['start', 'hi', 'bye', 'orphan']);
    expect(report.targets).toEqual([{ number: LOCAL, kind: 'local', message: null }]);
    expect(report.candidates).toEqual([{ number: LOCAL, label: 'Test line', onThisFlow: false, liveVersion: null, vonage: false }]);
    expect(report.confirmation).toBeNull();
    expect(await (await handleListVersions(db, request('GET', '/'), { id })).json()).toEqual({ versions: [] });
    // The number stays unbound: nothing live, no flow.
    expect(resolveNumber(db, LOCAL)).toMatchObject({ flowId: null, versionId: null });
  });
});

describe('publishing to a Vonage number', () => {
  it('asks to confirm the webhook change, listing every number on the application, then links and points them', async () => {
    const { id } = await createdFlow();
    const d = deps({ vonage: vonage() });
    const refused = await publish(id, { numbers: [VONAGE_NEW] }, d);
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error.code).toBe('confirmation_required');
    expect(error.confirmation.numbers).toEqual([VONAGE_NEW, VONAGE_OTHER]);
    expect(error.confirmation.changes.map((c: { field: string }) => c.field)).toEqual(['answer', 'fallback', 'event', 'rtcEvent', 'signedCallbacks']);
    expect(emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`)).toHaveLength(0);

    const response = await publish(id, { numbers: [VONAGE_NEW], confirmApplicationWebhooks: true }, d);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.numbers).toEqual([{ number: VONAGE_NEW, live: true, vonage: { status: 'linked' } }]);
    const [put] = emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`);
    expect(put.body).toMatchObject({
      capabilities: {
        voice: { webhooks: { answer_url: { address: `${SIM_BASE}/api/voice/answer`, http_method: 'POST' }, fallback_answer_url: { address: `${SIM_BASE}/api/voice/fallback`, http_method: 'POST' } }, signed_callbacks: true },
        rtc: { webhooks: { event_url: { address: `${SIM_BASE}/api/voice/rtc-event`, http_method: 'POST' } } },
      },
    });
    expect(emulator.requestsTo('POST', '/number/update').map((r) => r.body)).toEqual([{ country: 'GB', msisdn: VONAGE_NEW, app_id: APP_ID }]);
    // A number Vonage owns but Switchboard did not know is added, live.
    expect(numberRow(db, VONAGE_NEW)).toEqual({ number: VONAGE_NEW, flowId: id, versionId: body.version.id, vonageStatus: 'linked' });

    // Retrying changes nothing on Vonage: the application is right and the number linked.
    const retry = await publish(id, { numbers: [VONAGE_NEW] }, d);
    expect(retry.status).toBe(200);
    expect((await retry.json()).numbers).toEqual([{ number: VONAGE_NEW, live: true, vonage: { status: 'linked' } }]);
    expect(emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`)).toHaveLength(1);
    expect(emulator.requestsTo('POST', '/number/update')).toHaveLength(1);
  });

  type Case = { name: string; arrange: () => Promise<void> | void; timeoutMs?: number; code: string; message: RegExp; retryAfter?: number };
  const cases: Case[] = [
    { name: '401', arrange: () => emulator.fail({ path: '/number/update' }, { type: 'status', status: 401 }), code: 'unauthorized', message: /refused the credentials \(401\)/ },
    { name: '404', arrange: () => emulator.fail({ method: 'GET', path: `/v2/applications/${APP_ID}` }, { type: 'status', status: 404 }, 2), code: 'not_found', message: /has no application .*\(404\)/ },
    {
      name: '429 with retry-after',
      arrange: () => emulator.fail({ path: '/number/update' }, { type: 'status', status: 429, headers: { 'retry-after': '30' } }),
      code: 'rate_limited',
      message: /try again in 30 s/,
      retryAfter: 30,
    },
    { name: 'timeout', arrange: () => emulator.fail({ path: '/number/update' }, { type: 'hang' }), timeoutMs: 400, code: 'timeout', message: /did not answer within 0.4 s/ },
    { name: 'network down', arrange: () => emulator.stop(), code: 'unreachable', message: /could not be reached/ },
  ];

  it.each(cases)('reports a Vonage $name per number, keeps the previous live version and never says linked', async ({ arrange, timeoutMs, code, message, retryAfter }) => {
    const { id } = await createdFlow(greeting('One'));
    // The number is known locally, already on version 1 and linked.
    const d = deps({ vonage: vonage(timeoutMs) });
    emulator.applications.set(APP_ID, { ...oldApplication(), capabilities: {} });
    const v1 = await (await publish(id, { numbers: [VONAGE_NEW], confirmApplicationWebhooks: true }, d)).json();
    expect(v1.numbers[0].live).toBe(true);
    emulator.numbers[0].voiceCallbackType = undefined;
    emulator.numbers[0].voiceCallbackValue = undefined;
    await saveDraft(id, greeting('Two'));
    await arrange();

    const response = await publish(id, { numbers: [VONAGE_NEW], confirmApplicationWebhooks: true }, d);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.version.number).toBe(2);
    expect(body.numbers).toHaveLength(1);
    const [outcome] = body.numbers;
    expect(outcome.live).toBe(false);
    expect(outcome.vonage).toMatchObject({ status: 'failed', code });
    expect(outcome.vonage.message).toMatch(message);
    if (retryAfter !== undefined) expect(outcome.vonage.retryAfterSeconds).toBe(retryAfter);
    expect(numberRow(db, VONAGE_NEW)).toMatchObject({ versionId: v1.version.id, vonageStatus: 'failed' });
  });

  it('finishes the job when a publish refused by Vonage is retried', async () => {
    const { id } = await createdFlow();
    const d = deps({ vonage: vonage() });
    emulator.fail({ path: '/number/update' }, { type: 'status', status: 429, headers: { 'retry-after': '5' } });
    const first = await (await publish(id, { numbers: [VONAGE_NEW], confirmApplicationWebhooks: true }, d)).json();
    expect(first.numbers[0]).toMatchObject({ live: false, vonage: { status: 'failed', code: 'rate_limited' } });
    const audit = db.select().from(auditLog).all().find((e) => e.action === 'version.published');
    expect(describeAudit(audit!)).toBe(`Version 1 · Vonage refused ${VONAGE_NEW}`);
    // Known now, bound to the flow, nothing live: calls cannot claim a version Vonage refused.
    expect(numberRow(db, VONAGE_NEW)).toEqual({ number: VONAGE_NEW, flowId: id, versionId: null, vonageStatus: 'failed' });

    const retry = await publish(id, { numbers: [VONAGE_NEW] }, d);
    const body = await retry.json();
    expect(body).toMatchObject({ created: false, version: { id: first.version.id }, numbers: [{ number: VONAGE_NEW, live: true, vonage: { status: 'linked' } }] });
    expect(numberRow(db, VONAGE_NEW)).toMatchObject({ versionId: first.version.id, vonageStatus: 'linked' });
  });
});

describe('rollback', () => {
  it('makes an earlier version live again on the flow’s numbers, and audits it', async () => {
    const { id } = await createdFlow(greeting('One'));
    localNumber();
    const v1 = (await (await publish(id, { numbers: [LOCAL] })).json()).version;
    await saveDraft(id, greeting('Two'));
    const v2 = (await (await publish(id, {})).json()).version;
    expect(resolveNumber(db, LOCAL)?.versionId).toBe(v2.id);

    const response = await rollback(id, { versionId: v1.id });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: { id: v1.id, number: 1 }, numbers: [{ number: LOCAL, live: true, vonage: { status: 'local' } }] });
    expect(resolveNumber(db, LOCAL)?.versionId).toBe(v1.id);
    const audit = db.select().from(auditLog).all().find((e) => e.action === 'version.made_live');
    expect(audit?.details).toMatchObject({ versionId: v1.id, number: 1 });
    expect(describeAudit(audit!)).toBe(`Version 1 · live on ${LOCAL}`);

    // One version, with its document, for the history's View and Restore as draft.
    const detail = handleGetVersion(db, { id, versionId: v1.id });
    expect(detail.status).toBe(200);
    expect((await detail.json()).version).toMatchObject({ id: v1.id, number: 1, document: greeting('One'), liveOn: [LOCAL] });
    expect(handleGetVersion(db, { id: 'fl_other', versionId: v1.id }).status).toBe(404);
  });

  it('refuses a version of another flow, and a flow on no number without numbers', async () => {
    const { id } = await createdFlow();
    const other = await createdFlow();
    const foreign = (await (await publish(other.id, {})).json()).version;
    const wrong = await rollback(id, { versionId: foreign.id, numbers: [LOCAL] });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.issues[0].path).toBe('versionId');
    const own = (await (await publish(id, {})).json()).version;
    const nowhere = await rollback(id, { versionId: own.id });
    expect(nowhere.status).toBe(422);
    expect((await nowhere.json()).error.issues[0].path).toBe('numbers');
  });

  it('asks before changing the Vonage application, like publishing', async () => {
    const { id } = await createdFlow();
    const own = (await (await publish(id, {})).json()).version;
    const response = await rollback(id, { versionId: own.id, numbers: [VONAGE_NEW] }, deps({ vonage: vonage() }));
    expect(response.status).toBe(409);
    expect((await response.json()).error.confirmation.numbers).toEqual([VONAGE_NEW, VONAGE_OTHER]);
  });
});

describe('diff', () => {
  it('compares the live version with the draft by default: changed fields and the sample call’s NCCO', async () => {
    const { id } = await createdFlow(greeting('Hello'));
    localNumber();
    const v1 = (await (await publish(id, { numbers: [LOCAL] })).json()).version;
    await saveDraft(id, greeting('Goodbye'));

    const response = await diff(id);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.from).toEqual({ kind: 'version', id: v1.id, number: 1, live: true });
    expect(report.to).toEqual({ kind: 'draft' });
    expect(report.diff.nodes).toEqual({
      added: [],
      removed: [],
      changed: [{ id: 'hi', kind: 'say', name: expect.any(String), changes: [{ path: 'text', label: expect.any(String), before: 'Hello', after: 'Goodbye' }] }],
    });
    expect(report.ncco.sample).toEqual({ from: '447700900999', to: LOCAL, at: '2025-03-03T10:00:00.000Z' });
    expect(report.ncco.lines).toEqual([
      { type: 'changed', summary: 'Says “Goodbye”', before: expect.objectContaining({ text: 'Hello' }), after: expect.objectContaining({ text: 'Goodbye' }), changes: [{ path: 'text', before: 'Hello', after: 'Goodbye' }] },
    ]);
  });

  it('compares any two versions, shows removed nodes, and 404s an unknown one', async () => {
    const document = greeting('Hello');
    const { id } = await createdFlow(document);
    const v1 = (await (await publish(id, {})).json()).version;
    await saveDraft(id, flow(nodes(node('start'), node('hangup', {}, 'bye')), edges('start>bye')));
    const v2 = (await (await publish(id, { acknowledgeWarnings: true })).json()).version;
    const report = await (await diff(id, `?from=${v1.id}&to=${v2.id}`)).json();
    expect(report.from).toMatchObject({ kind: 'version', number: 1, live: false });
    expect(report.diff.nodes.removed.map((n: { id: string }) => n.id)).toEqual(['hi']);
    expect(report.diff.edges.added).toHaveLength(1);
    // The sample call no longer hears the greeting.
    expect(JSON.stringify(report.ncco.before)).toContain('Hello');
    expect(JSON.stringify(report.ncco.after)).not.toContain('Hello');
    expect(report.ncco.lines.every((l: { type: string }) => l.type !== 'same')).toBe(true);
    expect((await diff(id, '?from=ver_nope')).status).toBe(404);
  });
});
