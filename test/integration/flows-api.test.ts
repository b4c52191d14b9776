import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import {
  handleCreateFlow,
  handleDeleteFlow,
  handleGetFlow,
  handleListFlows,
  handleUpdateFlow,
} from '@/lib/api/flows-handlers';
import { handleCreateNumber } from '@/lib/api/numbers-handlers';
import { handleListTemplates } from '@/lib/api/templates-handlers';
import { createNode, emptyDocument, type FlowDocument } from '@/lib/flow/document';
import { templates } from '@/lib/flow/templates';
import type { Actor } from '@/lib/auth/actor';
import { testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { request } from '../helpers/request';
import { createNumber } from '@/lib/numbers/write';
import { createVersion } from '@/lib/versions/create-version';

let db: Db;
let actor: Actor;
beforeEach(() => {
  db = createTestDb();
  actor = testActor(db);
  // Only Date is faked: edit order is asserted without sleeping, and promises still run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const api = {
  list: (q?: string) => handleListFlows(db, request('GET', q === undefined ? '/api/flows' : `/api/flows?q=${encodeURIComponent(q)}`)),
  create: (body: unknown) => handleCreateFlow(db, request('POST', '/api/flows', body), actor),
  get: (id: string) => handleGetFlow(db, request('GET', `/api/flows/${id}`), { id }),
  update: (id: string, body: unknown) => handleUpdateFlow(db, request('PUT', `/api/flows/${id}`, body), actor, { id }),
  delete: (id: string) => handleDeleteFlow(db, request('DELETE', `/api/flows/${id}`), actor, { id }),
};

async function created(body: unknown) {
  const response = await api.create(body);
  expect(response.status).toBe(201);
  return (await response.json()).flow;
}

async function listNames(q?: string): Promise<string[]> {
  const body = await (await api.list(q)).json();
  return body.flows.map((f: { name: string }) => f.name);
}

/** A two-node document: Incoming call → Hang up. */
function twoNodeDocument(): FlowDocument {
  const { document } = emptyDocument();
  return {
    ...document,
    nodes: [...document.nodes, createNode('hangup', 'bye')],
    edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'bye' }],
  };
}

describe('creating flows', () => {
  it('lists whether each flow is a draft, published, or live on numbers', async () => {
    const draftOnly = await created({ name: 'Draft only', templateId: 'ivr-menu' });
    const published = await created({ name: 'Published', templateId: 'ivr-menu' });
    createVersion(db, published.id);
    const version = createVersion(db, published.id);
    if (!version.ok) throw new Error('could not publish');
    expect(createNumber(db, { number: '447700900124', label: '', flowId: published.id, versionId: version.version.id }).ok).toBe(true);
    const { flows } = await (await api.list()).json();
    const state = (id: string) => flows.find((f: { id: string }) => f.id === id);
    expect(state(draftOnly.id)).toMatchObject({ latestVersion: null, liveNumbers: 0 });
    expect(state(published.id)).toMatchObject({ latestVersion: 2, liveNumbers: 1 });
  });

  it('creates a blank flow with a trimmed name', async () => {
    const flow = await created({ name: '  Support line  ' });
    expect(flow).toMatchObject({ name: 'Support line', revision: 1, ...emptyDocument() });
    expect(flow.id).toMatch(/^fl_[a-z0-9]{6,}$/);
    expect(flow.createdAt).toBe('2025-03-01T09:00:00.000Z');
    expect(flow.updatedAt).toBe(flow.createdAt);
  });

  it('creates a flow from each template', async () => {
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      const flow = await created({ name: template.name, templateId: template.id });
      const built = template.build();
      expect(flow.document.nodes.map((n: { kind: string }) => n.kind)).toEqual(built.document.nodes.map((n) => n.kind));
      expect(flow.document.edges).toHaveLength(built.document.edges.length);
    }
    const listed = await (await handleListTemplates().json()).templates;
    expect(listed.map((t: { id: string }) => t.id)).toEqual(templates.map((t) => t.id));
  });

  it('refuses an unknown template and creates nothing', async () => {
    const response = await api.create({ name: 'X', templateId: 'no-such-template' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'invalid_request', issues: [{ path: 'templateId' }] });
    expect(await listNames()).toEqual([]);
  });

  it('imports an export file, dropping positions of nodes that do not exist', async () => {
    const document = twoNodeDocument();
    const flow = await created({
      format: 'switchboard.flow',
      version: 1,
      name: 'Imported support',
      document,
      layout: { start: { x: 0, y: 0 }, bye: { x: 0, y: 160 }, ghost: { x: 9, y: 9 } },
    });
    expect(flow).toMatchObject({ name: 'Imported support', document, layout: { start: { x: 0, y: 0 }, bye: { x: 0, y: 160 } } });
    expect(flow.layout).not.toHaveProperty('ghost');
  });

  it('imports a bare document, naming it and leaving positions to the editor', async () => {
    const flow = await created({ document: twoNodeDocument() });
    expect(flow).toMatchObject({ name: 'Imported flow', layout: {} });
  });
});

describe('rejecting bad input (nothing is created)', () => {
  const badDocument = { ...emptyDocument().document, nodes: [{ id: 'n1', kind: 'foo', data: {} }] };
  const danglingEdge = { ...emptyDocument().document, edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'ghost' }] };
  it.each([
    ['an empty name', { name: '   ' }, 'name', 'Name cannot be empty'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name', 'Name is at most 100 characters'],
    ['an unknown node kind', { name: 'X', document: badDocument }, 'document.nodes.0.kind', 'Unknown node kind "foo"'],
    ['a dangling edge', { name: 'X', document: danglingEdge }, 'document.edges.0.target', 'No node ghost'],
    ['an export of another format', { format: 'other', version: 1, name: 'X', document: badDocument }, 'format', 'Not a Switchboard flow export: "format" must be "switchboard.flow"'],
  ])('%s', async (_, body, path, message) => {
    const response = await api.create(body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toContainEqual({ path, message });
    expect(await listNames()).toEqual([]);
  });

  it.each([
    ['POST', () => handleCreateFlow(db, request('POST', '/api/flows', '{"name": '), actor)],
    ['PUT', () => handleUpdateFlow(db, request('PUT', '/api/flows/fl_x', 'not json'), actor, { id: 'fl_x' })],
  ])('answers malformed JSON on %s with 400 invalid_json', async (_, send) => {
    const response = await send();
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
  });
});

describe('listing and reading', () => {
  it('lists newest edit first, with node counts, filtered by name ignoring case and accents', async () => {
    const support = await created({ name: 'Support line' });
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    await created({ name: 'Sales' });
    vi.setSystemTime(new Date('2025-03-01T11:00:00Z'));
    await created({ name: 'Café hours', document: twoNodeDocument() });
    expect(await listNames()).toEqual(['Café hours', 'Sales', 'Support line']);

    vi.setSystemTime(new Date('2025-03-01T12:00:00Z'));
    expect((await api.update(support.id, { revision: 1, name: 'Support line' })).status).toBe(200);
    const { flows } = await (await api.list()).json();
    expect(flows.map((f: { name: string; nodeCount: number }) => [f.name, f.nodeCount])).toEqual([
      ['Support line', 1],
      ['Café hours', 2],
      ['Sales', 1],
    ]);
    expect(Object.keys(flows[0]).sort()).toEqual(['createdAt', 'id', 'latestVersion', 'liveNumbers', 'name', 'nodeCount', 'revision', 'updatedAt']);

    expect(await listNames('SUP')).toEqual(['Support line']);
    expect(await listNames('cafe')).toEqual(['Café hours']);
    expect(await listNames('s')).toEqual(['Support line', 'Café hours', 'Sales']);
    expect(await listNames('zzz')).toEqual([]);
  });

  it('reads one flow in full, and 404s an unknown one', async () => {
    const flow = await created({ name: 'Support line' });
    const response = await api.get(flow.id);
    expect(response.status).toBe(200);
    expect((await response.json()).flow).toEqual(flow);

    const missing = await api.get('fl_missing');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});

describe('saving', () => {
  it('saves changes and bumps the revision', async () => {
    const flow = await created({ name: 'Support line' });
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const response = await api.update(flow.id, { revision: 1, name: 'Sales line', document: twoNodeDocument() });
    expect(response.status).toBe(200);
    const saved = (await response.json()).flow;
    expect(saved).toMatchObject({ name: 'Sales line', revision: 2, document: twoNodeDocument(), updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(saved.createdAt).toBe(flow.createdAt);
    expect((await (await api.get(flow.id)).json()).flow).toEqual(saved);
  });

  it('refuses a save based on a stale revision with 409, leaving the stored flow unchanged', async () => {
    const flow = await created({ name: 'Support line' });
    const first = await (await api.update(flow.id, { revision: 1, name: 'First tab' })).json();

    const response = await api.update(flow.id, { revision: 1, name: 'Second tab', document: twoNodeDocument() });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({ code: 'stale_revision', currentRevision: 2 });
    expect((await (await api.get(flow.id)).json()).flow).toEqual(first.flow);
  });

  it.each([
    ['a missing revision', { name: 'X' }, 'revision'],
    ['a bad node id', { revision: 1, document: { ...emptyDocument().document, nodes: [{ id: 'bad id!', kind: 'say', data: {} }] } }, 'document.nodes.0.id'],
    ['a bad position', { revision: 1, layout: { start: { x: 'left', y: 0 } } }, 'layout.start.x'],
  ])('rejects %s with the path of the problem', async (_, body, path) => {
    const flow = await created({ name: 'Support line' });
    const response = await api.update(flow.id, body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect((await (await api.get(flow.id)).json()).flow.revision).toBe(1);
  });

  it('404s a save to an unknown flow', async () => {
    const response = await api.update('fl_missing', { revision: 1, name: 'X' });
    expect(response.status).toBe(404);
  });

  it('moves nodes without touching the document', async () => {
    const flow = await created({ name: 'Support line', document: twoNodeDocument(), layout: { start: { x: 0, y: 0 } } });
    const response = await api.update(flow.id, { revision: 1, layout: { start: { x: 40, y: 20 }, bye: { x: 40, y: 200 } } });
    const moved = (await response.json()).flow;
    expect(moved.document).toEqual(flow.document);
    expect(moved.layout).toEqual({ start: { x: 40, y: 20 }, bye: { x: 40, y: 200 } });
    expect(moved.revision).toBe(2);
  });

  it('drops positions of nodes a saved document no longer has', async () => {
    const flow = await created({ name: 'Support line', document: twoNodeDocument(), layout: { start: { x: 0, y: 0 }, bye: { x: 0, y: 160 } } });
    const response = await api.update(flow.id, { revision: 1, document: emptyDocument().document });
    expect((await response.json()).flow.layout).toEqual({ start: { x: 0, y: 0 } });
  });
});

describe('deleting', () => {
  it('deletes a flow, then 404s it', async () => {
    const flow = await created({ name: 'Support line' });
    expect((await api.delete(flow.id)).status).toBe(204);
    expect((await api.get(flow.id)).status).toBe(404);
    expect((await api.delete(flow.id)).status).toBe(404);
    expect(await listNames()).toEqual([]);
  });

  it('refuses with 409 flow_in_use while a number routes to the flow, keeping it', async () => {
    const flow = await created({ name: 'Support line' });
    const bound = await handleCreateNumber(db, request('POST', '/api/numbers', { number: '447700900123', flowId: flow.id }), actor);
    expect(bound.status).toBe(201);
    const response = await api.delete(flow.id);
    expect(response.status).toBe(409);
    expect((await response.json()).error).toEqual({
      code: 'flow_in_use',
      message: 'This flow answers calls to 447700900123. Move that number to another flow first.',
    });
    expect((await api.get(flow.id)).status).toBe(200);
  });
});
