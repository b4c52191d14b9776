import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { handleCreateFlow, handleDeleteFlow, handleUpdateFlow } from '@/lib/api/flows-handlers';
import { handleCreateVersion, handleListVersions } from '@/lib/api/versions-handlers';
import { getRoutingRevision } from '@/lib/app-state';
import type { FlowDocument } from '@/lib/flow/document';
import { createVersion } from '@/lib/versions/create-version';
import { getLatestVersion, getVersion } from '@/lib/versions/read';
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
  list: (id: string) => handleListVersions(db, request('GET', `/api/flows/${id}/versions`), { id }),
  publish: (id: string, body: unknown = {}) => handleCreateVersion(db, request('POST', `/api/flows/${id}/versions`, body), actor, { id }),
};

/** Incoming call → Say "Hello" → Hang up: publishable. */
const greeting = (text = 'Hello'): FlowDocument =>
  flow(nodes(node('start'), node('say', { text }, 'hi'), node('hangup', {}, 'bye')), edges('start>hi', 'hi>bye'));

async function createdFlow(document: FlowDocument = greeting()): Promise<{ id: string; revision: number }> {
  const response = await handleCreateFlow(db, request('POST', '/api/flows', { name: 'Support', document }), actor);
  expect(response.status).toBe(201);
  return (await response.json()).flow;
}

async function published(id: string, body: unknown = {}) {
  const response = await api.publish(id, body);
  expect(response.status).toBe(201);
  return (await response.json()).version;
}

async function saveDraft(flowId: string, revision: number, document: FlowDocument) {
  const response = await handleUpdateFlow(db, request('PUT', `/api/flows/${flowId}`, { revision, document }), actor, { id: flowId });
  expect(response.status).toBe(200);
}

describe('publishing', () => {
  it('numbers versions 1, 2, 3 per flow and lists them newest first', async () => {
    const support = await createdFlow();
    const sales = await createdFlow();
    const first = await published(support.id, { note: '  First cut  ' });
    expect(first).toEqual({ id: expect.stringMatching(/^ver_[a-z0-9]{6,}$/), number: 1, note: 'First cut', createdAt: '2025-03-01T09:00:00.000Z', authorName: 'Test editor' });
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    await published(support.id);
    await published(support.id, { note: 'Third' });
    expect((await published(sales.id)).number).toBe(1);

    const response = await api.list(support.id);
    expect(response.status).toBe(200);
    const { versions } = await response.json();
    expect(versions.map((v: { number: number; note: string }) => [v.number, v.note])).toEqual([
      [3, 'Third'],
      [2, ''],
      [1, 'First cut'],
    ]);
    expect(Object.keys(versions[0]).sort()).toEqual(['authorName', 'createdAt', 'id', 'liveOn', 'note', 'number']);
    expect(versions[2]).toEqual({ ...first, liveOn: [] });
  });

  it('snapshots the draft as it is now: later edits do not change a version', async () => {
    const support = await createdFlow(greeting('Hello'));
    const version = await published(support.id);
    await saveDraft(support.id, support.revision, greeting('Goodbye'));

    const stored = getVersion(db, version.id);
    expect(stored).toMatchObject({ flowId: support.id, number: 1, document: greeting('Hello') });
    expect(stored?.layout).toEqual({});
    expect(getLatestVersion(db, support.id)?.id).toBe(version.id);
    const next = await published(support.id);
    expect(getVersion(db, next.id)?.document).toEqual(greeting('Goodbye'));
    expect(getLatestVersion(db, support.id)?.id).toBe(next.id);
  });

  it('bumps the routing revision with every publish', async () => {
    const support = await createdFlow();
    const before = getRoutingRevision(db);
    await published(support.id);
    await published(support.id);
    expect(getRoutingRevision(db)).toBe(before + 2);
  });

  it('refuses to snapshot a draft saved after the revision its publisher checked', async () => {
    const support = await createdFlow(greeting('Hello'));
    await saveDraft(support.id, support.revision, greeting('Unchecked'));
    expect(createVersion(db, support.id, '', new Date(), { checkedRevision: support.revision })).toEqual({
      ok: false,
      reason: 'changed',
      currentRevision: support.revision + 1,
    });
    expect(getLatestVersion(db, support.id)).toBeNull();
    expect(createVersion(db, support.id, '', new Date(), { checkedRevision: support.revision + 1 })).toMatchObject({ ok: true, created: true });
  });

  it('publishes despite warnings (an unconnected output is only a warning)', async () => {
    const loose = flow(nodes(node('start'), node('say', { text: 'Hi' }, 'hi')), edges('start>hi'));
    expect((await published((await createdFlow(loose)).id)).number).toBe(1);
  });
});

describe('refusing a draft with errors (422, nothing published)', () => {
  it.each([
    [
      'a node that fails its kind schema',
      greeting(''),
      [{ path: 'nodes.1.data.text', nodeId: 'hi', message: 'Text: Type what the caller should hear' }],
    ],
    [
      'a flow without an Incoming call',
      flow(nodes(node('say', { text: 'Hi' }, 'hi'), node('hangup', {}, 'bye')), edges('hi>bye')),
      [{ path: '', message: expect.stringContaining('no Incoming call node') }],
    ],
    [
      'an unsafe Branch pattern, reported once',
      flow(
        nodes(node('start'), node('branch', { conditions: [{ id: 'c1', subject: 'x', operator: 'matches', compareAs: 'text', value: '(a+)+$', value2: '', label: '' }] }, 'b')),
        edges('start>b'),
      ),
      [{ path: 'nodes.1.data.conditions.0.value', nodeId: 'b', message: expect.stringContaining('Condition 1') }],
    ],
  ])('%s', async (_, document, issues) => {
    const support = await createdFlow(document);
    const before = getRoutingRevision(db);
    const response = await api.publish(support.id);
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error).toEqual({ code: 'flow_invalid', message: expect.stringMatching(/^Fix this problem/), issues });
    expect((await (await api.list(support.id)).json()).versions).toEqual([]);
    expect(getRoutingRevision(db)).toBe(before);
  });

  it('lists every problem, each with the node it concerns', async () => {
    const document = flow(
      nodes(node('start'), node('say', { text: '' }, 'hi'), node('collect', { variable: '' }, 'pin'), node('hangup', {}, 'bye')),
      edges('start>hi', 'hi>pin', 'pin.done>bye', 'pin.noInput>bye'),
    );
    const response = await api.publish((await createdFlow(document)).id);
    const { error } = await response.json();
    expect(error.message).toMatch(/^Fix these \d+ problems before publishing$/);
    expect(error.issues.map((i: { path: string; nodeId: string }) => [i.path, i.nodeId])).toEqual([
      ['nodes.1.data.text', 'hi'],
      ['nodes.2.data.variable', 'pin'],
    ]);
  });
});

describe('bad requests', () => {
  it('404s an unknown flow on list and publish', async () => {
    for (const response of [await api.list('fl_missing'), await api.publish('fl_missing')]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    }
  });

  it.each([
    ['a note over 500 characters', { note: 'x'.repeat(501) }, 'note'],
    ['a note that is not text', { note: 42 }, 'note'],
  ])('rejects %s with 400 and the path', async (_, body, path) => {
    const support = await createdFlow();
    const response = await api.publish(support.id, body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const support = await createdFlow();
    const response = await api.publish(support.id, '{"note": ');
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_json');
  });
});

it('deleting an unbound flow deletes its versions', async () => {
  const support = await createdFlow();
  const version = await published(support.id);
  expect((await handleDeleteFlow(db, request('DELETE', `/api/flows/${support.id}`), actor, { id: support.id })).status).toBe(204);
  expect(getVersion(db, version.id)).toBeNull();
});
