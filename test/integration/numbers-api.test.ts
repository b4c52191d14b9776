import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { numbers } from '@/db/schema';
import { handleCreateFlow, handleDeleteFlow } from '@/lib/api/flows-handlers';
import {
  handleCreateNumber,
  handleDeleteNumber,
  handleGetNumber,
  handleListNumbers,
  handleUpdateNumber,
} from '@/lib/api/numbers-handlers';
import { handleCreateVersion } from '@/lib/api/versions-handlers';
import { getRoutingRevision } from '@/lib/app-state';
import { resolveNumber } from '@/lib/numbers/read';
import { getVersion } from '@/lib/versions/read';
import type { Actor } from '@/lib/auth/actor';
import { testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { request } from '../helpers/request';
import { edges, flow, node, nodes } from '../helpers/flow-builder';

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = createTestDb();
  actor = testActor(db);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const api = {
  list: () => handleListNumbers(db),
  create: (body: unknown) => handleCreateNumber(db, request('POST', '/api/numbers', body), actor),
  get: (number: string) => handleGetNumber(db, request('GET', `/api/numbers/${number}`), { number }),
  update: (number: string, body: unknown) => handleUpdateNumber(db, request('PUT', `/api/numbers/${number}`, body), actor, { number }),
  delete: (number: string) => handleDeleteNumber(db, request('DELETE', `/api/numbers/${number}`), actor, { number }),
  deleteFlow: (id: string) => handleDeleteFlow(db, request('DELETE', `/api/flows/${id}`), actor, { id }),
};

const UK = '447700900123';
const US = '14155550100';

/** A publishable flow and its first `count` versions. */
async function publishedFlow(name: string, count = 1): Promise<{ flowId: string; versionIds: string[] }> {
  const document = flow(nodes(node('start'), node('hangup', {}, 'bye')), edges('start>bye'));
  const created = await handleCreateFlow(db, request('POST', '/api/flows', { name, document }), actor);
  const flowId = (await created.json()).flow.id;
  const versionIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await handleCreateVersion(db, request('POST', `/api/flows/${flowId}/versions`, {}), actor, { id: flowId });
    versionIds.push((await response.json()).version.id);
  }
  return { flowId, versionIds };
}

async function ok(response: Response | Promise<Response>, status = 200) {
  const settled = await response;
  expect(settled.status).toBe(status);
  return (await settled.json()).number;
}

async function issuePaths(response: Response | Promise<Response>): Promise<[string, string][]> {
  const settled = await response;
  expect(settled.status).toBe(400);
  const { error } = await settled.json();
  expect(error.code).toBe('invalid_request');
  return error.issues.map((i: { path: string; message: string }) => [i.path, i.message]);
}

describe('creating numbers', () => {
  it('creates an unbound number and a bound one, listing them in digit order with their flow', async () => {
    const { flowId, versionIds } = await publishedFlow('Support');
    const bound = await ok(api.create({ number: UK, label: ' Main line ', flowId, versionId: versionIds[0] }), 201);
    expect(bound).toEqual({
      number: UK,
      label: 'Main line',
      flowId,
      flowName: 'Support',
      versionId: versionIds[0],
      versionNumber: 1,
      testCallers: [],
      hoursOverride: 'schedule',
      overrideMessage: '',
      vonageStatus: null,
      vonageError: null,
      vonageCheckedAt: null,
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
    });
    await ok(api.create({ number: ` ${US} ` }), 201);
    const { numbers: listed } = await (await api.list()).json();
    expect(listed.map((n: { number: string; flowName: string | null }) => [n.number, n.flowName])).toEqual([
      [US, null],
      [UK, 'Support'],
    ]);
    expect(await ok(api.get(UK))).toEqual(bound);
  });

  it.each([
    ['a +', '+447700900123', 'Leave out the +: digits only, e.g. 447700900123'],
    ['spaces', '44 7700 900123', 'Digits only: no spaces, dashes or brackets'],
    ['a leading 0', '07700900123', 'Start with the country code, not 0 (e.g. 44 for the UK)'],
    ['6 digits', '447700', 'An international number has 7 to 15 digits'],
    ['16 digits', '4477009001234567', 'An international number has 7 to 15 digits'],
    ['a number type', 447700900123, 'Enter the number as text, e.g. "447700900123"'],
  ])('refuses a number with %s', async (_, number, message) => {
    expect(await issuePaths(api.create({ number }))).toEqual([['number', message]]);
    expect((await (await api.list()).json()).numbers).toEqual([]);
  });

  it('answers 409 for a number that already exists, leaving it unchanged', async () => {
    const first = await ok(api.create({ number: UK, label: 'Main' }), 201);
    const response = await api.create({ number: UK, label: 'Other' });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe('number_exists');
    expect(await ok(api.get(UK))).toEqual(first);
  });
});

describe('binding rules', () => {
  it.each([
    ['an unknown flow', () => ({ flowId: 'fl_missing' }), 'flowId', 'There is no flow "fl_missing"'],
    ['an unknown version', (f: string) => ({ flowId: f, versionId: 'ver_missing' }), 'versionId', 'There is no version "ver_missing"'],
    ['a version without its flow', (_f: string, v: string) => ({ versionId: v }), 'versionId', 'Choose the flow this version belongs to (flowId)'],
    ['a version of another flow', (_f: string, _v: string, other: string) => ({ flowId: _f, versionId: other }), 'versionId', 'Version 1 belongs to another flow'],
  ])('refuses %s on create and on update', async (_, binding, path, message) => {
    const support = await publishedFlow('Support');
    const sales = await publishedFlow('Sales');
    const body = binding(support.flowId, support.versionIds[0], sales.versionIds[0]);
    expect(await issuePaths(api.create({ number: UK, ...body }))).toEqual([[path, message]]);
    await ok(api.create({ number: UK }), 201);
    const revision = getRoutingRevision(db);
    expect(await issuePaths(api.update(UK, body))).toEqual([[path, message]]);
    expect(await ok(api.get(UK))).toMatchObject({ flowId: null, versionId: null });
    expect(getRoutingRevision(db)).toBe(revision);
  });

  it('refuses moving to another flow while the live version belongs to the old one', async () => {
    const support = await publishedFlow('Support');
    const sales = await publishedFlow('Sales');
    await ok(api.create({ number: UK, flowId: support.flowId, versionId: support.versionIds[0] }), 201);
    expect(await issuePaths(api.update(UK, { flowId: sales.flowId }))).toEqual([
      ['versionId', 'The live version 1 belongs to the previous flow: choose a version of the new flow, or null'],
    ]);
    const moved = await ok(api.update(UK, { flowId: sales.flowId, versionId: sales.versionIds[0] }));
    expect(moved).toMatchObject({ flowId: sales.flowId, flowName: 'Sales', versionId: sales.versionIds[0] });
  });

  it('bumps the routing revision on create, bind, rebind, unbind and delete, but not on a label change', async () => {
    const { flowId, versionIds } = await publishedFlow('Support', 2);
    const steps: [string, () => Response | Promise<Response>, number][] = [
      ['create', () => api.create({ number: UK }), 1],
      ['label', () => api.update(UK, { label: 'Main' }), 0],
      ['flow only', () => api.update(UK, { flowId }), 1],
      ['bind', () => api.update(UK, { versionId: versionIds[0] }), 1],
      ['same binding again', () => api.update(UK, { flowId, versionId: versionIds[0] }), 0],
      ['rebind', () => api.update(UK, { versionId: versionIds[1] }), 1],
      ['unbind version', () => api.update(UK, { versionId: null }), 1],
      ['delete', () => api.delete(UK), 1],
    ];
    for (const [step, send, bump] of steps) {
      const before = getRoutingRevision(db);
      expect((await send()).status, step).toBeLessThan(300);
      expect(getRoutingRevision(db) - before, step).toBe(bump);
    }
  });

  it('unbinding the flow unbinds its version too', async () => {
    const { flowId, versionIds } = await publishedFlow('Support');
    await ok(api.create({ number: UK, label: 'Main', flowId, versionId: versionIds[0] }), 201);
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const unbound = await ok(api.update(UK, { flowId: null }));
    expect(unbound).toMatchObject({ label: 'Main', flowId: null, versionId: null, versionNumber: null, updatedAt: '2025-03-01T10:00:00.000Z' });
  });

  it('resolves a number to its routing entry: flow, live version (once set), test callers and override', async () => {
    const { flowId, versionIds } = await publishedFlow('Support');
    expect(resolveNumber(db, UK)).toBeNull();
    await ok(api.create({ number: UK, flowId }), 201);
    const settings = { testCallers: [], hoursOverride: 'schedule', overrideMessage: '' };
    expect(resolveNumber(db, UK)).toEqual({ flowId, versionId: null, ...settings });
    await ok(api.update(UK, { versionId: versionIds[0] }));
    expect(resolveNumber(db, UK)).toEqual({ flowId, versionId: versionIds[0], ...settings });
  });

  it('is enforced by the database too: a version of another flow cannot be stored', async () => {
    const support = await publishedFlow('Support');
    const sales = await publishedFlow('Sales');
    const now = new Date();
    const insert = () =>
      db.insert(numbers).values({ number: UK, flowId: support.flowId, versionId: sales.versionIds[0], createdAt: now, updatedAt: now }).run();
    expect(insert).toThrow(/FOREIGN KEY constraint failed/);
  });
});

describe('a flow a number routes to', () => {
  it('cannot be deleted (409 flow_in_use) until the number moves; then it goes with its versions', async () => {
    const { flowId, versionIds } = await publishedFlow('Support');
    await ok(api.create({ number: UK, flowId, versionId: versionIds[0] }), 201);
    await ok(api.create({ number: US, flowId }), 201);

    const refused = await api.deleteFlow(flowId);
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error).toEqual({ code: 'flow_in_use', message: `This flow answers calls to ${US}, ${UK}. Move those numbers to another flow first.` });
    expect(getVersion(db, versionIds[0])).not.toBeNull();

    await ok(api.update(UK, { flowId: null }));
    await ok(api.update(US, { flowId: null }));
    expect((await api.deleteFlow(flowId)).status).toBe(204);
    expect(getVersion(db, versionIds[0])).toBeNull();
  });
});

describe('reading, updating and deleting', () => {
  it('404s unknown numbers on get, update and delete', async () => {
    for (const response of [await api.get(UK), await api.update(UK, { label: 'X' }), await api.delete(UK)]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    }
  });

  it.each([
    ['a label over 100 characters', { label: 'x'.repeat(101) }, 'label'],
    ['an empty flow id', { flowId: '' }, 'flowId'],
    ['a version id that is a number', { versionId: 3 }, 'versionId'],
  ])('rejects %s with the path of the problem', async (_, body, path) => {
    await ok(api.create({ number: UK }), 201);
    expect((await issuePaths(api.update(UK, body))).map(([p]) => p)).toEqual([path]);
  });

  it('deletes a number, then 404s it', async () => {
    await ok(api.create({ number: UK }), 201);
    expect((await api.delete(UK)).status).toBe(204);
    expect((await api.get(UK)).status).toBe(404);
    expect((await (await api.list()).json()).numbers).toEqual([]);
  });
});
