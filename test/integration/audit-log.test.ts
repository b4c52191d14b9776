import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { handleCreateFlow, handleDeleteFlow, handleUpdateFlow } from '@/lib/api/flows-handlers';
import { handleCreateNumber, handleDeleteNumber, handleUpdateNumber } from '@/lib/api/numbers-handlers';
import { handleCreateVersion } from '@/lib/api/versions-handlers';
import { handleListAudit } from '@/lib/api/audit-handlers';
import type { Actor } from '@/lib/auth/actor';
import { describeAudit } from '@/lib/audit/describe';
import { listAudit } from '@/lib/audit/list';
import { apiRequest, testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { edges, flow, node, nodes } from '../helpers/flow-builder';

let db: Db;
let editor: Actor;
let admin: Actor;
beforeEach(() => {
  db = createTestDb();
  editor = testActor(db, 'editor', 'ed@example.test');
  admin = testActor(db, 'admin', 'boss@example.test');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const greeting = flow(nodes(node('start'), node('say', { text: 'Hello' }, 'hi'), node('hangup', {}, 'bye')), edges('start>hi', 'hi>bye'));
const later = (minutes: number) => vi.setSystemTime(new Date(Date.now() + minutes * 60_000));
const log = () => listAudit(db, { limit: 100 }).map((e) => [e.action, e.actorEmail, describeAudit(e)]);

async function create(): Promise<{ id: string; revision: number }> {
  return (await (await handleCreateFlow(db, apiRequest('POST', '/api/flows', { body: { name: 'Support', document: greeting } }), editor)).json()).flow;
}

async function save(id: string, revision: number, body: Record<string, unknown>, by = editor): Promise<number> {
  const response = await handleUpdateFlow(db, apiRequest('PUT', `/api/flows/${id}`, { body: { revision, ...body } }), by, { id });
  return (await response.json()).flow.revision;
}

describe('audit log of management changes', () => {
  it('records who created, renamed, edited, published, bound, rolled back and deleted', async () => {
    const { id, revision } = await create();
    let rev = await save(id, revision, { name: 'Support line' });
    rev = await save(id, rev, { document: greeting });
    const publish = (note: string) => handleCreateVersion(db, apiRequest('POST', `/api/flows/${id}/versions`, { body: { note } }), editor, { id });
    const v1 = (await (await publish('First')).json()).version;
    await publish('');
    await handleCreateNumber(db, apiRequest('POST', '/api/numbers', { body: { number: '447700900123', label: 'Main', flowId: id, versionId: v1.id } }), admin);
    const v2 = listAudit(db, { action: 'version.published', limit: 1 })[0].details.versionId as string;
    await handleUpdateNumber(db, apiRequest('PUT', '/api/numbers/447700900123', { body: { versionId: v2 } }), editor, { number: '447700900123' });
    await handleUpdateNumber(db, apiRequest('PUT', '/api/numbers/447700900123', { body: { versionId: v1.id } }), editor, { number: '447700900123' });
    await handleDeleteNumber(db, apiRequest('DELETE', '/api/numbers/447700900123'), admin, { number: '447700900123' });
    await handleDeleteFlow(db, apiRequest('DELETE', `/api/flows/${id}`), editor, { id });

    expect(log().reverse()).toEqual([
      ['flow.imported', 'ed@example.test', '“Support”'],
      ['flow.renamed', 'ed@example.test', '“Support” → “Support line”'],
      ['flow.edited', 'ed@example.test', '“Support line”'],
      ['version.published', 'ed@example.test', 'Version 1: First'],
      ['version.published', 'ed@example.test', 'Version 2'],
      ['number.created', 'boss@example.test', 'Main, answered by “Support line” v1'],
      ['number.changed', 'ed@example.test', '“Support line” v1 → “Support line” v2'],
      ['number.changed', 'ed@example.test', '“Support line” v2 → “Support line” v1'],
      ['number.deleted', 'boss@example.test', 'Main, answered by “Support line” v1'],
      ['flow.deleted', 'ed@example.test', '“Support line”'],
    ]);
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({ targetType: 'flow', targetId: id, ip: '203.0.113.7' });
  });

  it('merges a run of autosaves into one entry, but not across someone else’s change', async () => {
    const { id, revision } = await create();
    let rev = revision;
    for (let i = 0; i < 5; i++) {
      later(1);
      rev = await save(id, rev, { document: greeting });
    }
    expect(log()[0]).toEqual(['flow.edited', 'ed@example.test', '“Support”, 5 saves']);
    await handleCreateVersion(db, apiRequest('POST', `/api/flows/${id}/versions`, { body: {} }), editor, { id });
    rev = await save(id, rev, { document: greeting });
    later(20);
    rev = await save(id, rev, { document: greeting });
    const other = testActor(db, 'editor', 'other@example.test');
    await save(id, rev, { document: greeting }, other);
    expect(log().map(([action, who, text]) => `${action} ${who} ${text}`)).toEqual([
      'flow.edited other@example.test “Support”',
      'flow.edited ed@example.test “Support”',
      'flow.edited ed@example.test “Support”',
      'version.published ed@example.test Version 1',
      'flow.edited ed@example.test “Support”, 5 saves',
      'flow.imported ed@example.test “Support”',
    ]);
  });

  it('filters by person, action and UTC day, and pages back by id', async () => {
    await create();
    later(24 * 60);
    await create();
    await handleCreateNumber(db, apiRequest('POST', '/api/numbers', { body: { number: '447700900999' } }), admin);
    const query = async (q: string) => {
      const response = handleListAudit(db, apiRequest('GET', `/api/audit?${q}`));
      expect(response.status).toBe(200);
      return ((await response.json()).entries as { action: string; at: string }[]).map((e) => `${e.action}@${e.at.slice(0, 10)}`);
    };
    expect(await query('')).toEqual(['number.created@2025-03-02', 'flow.imported@2025-03-02', 'flow.imported@2025-03-01']);
    expect(await query(`actor=${admin.user.id}`)).toEqual(['number.created@2025-03-02']);
    expect(await query('actor=ed@example.test')).toEqual(['flow.imported@2025-03-02', 'flow.imported@2025-03-01']);
    expect(await query('action=flow.imported&to=2025-03-01')).toEqual(['flow.imported@2025-03-01']);
    expect(await query('from=2025-03-02&to=2025-03-02&limit=1')).toEqual(['number.created@2025-03-02']);
    const newest = listAudit(db, { limit: 1 })[0].id;
    expect(await query(`before=${newest}&limit=1`)).toEqual(['flow.imported@2025-03-02']);
  });

  it('refuses filters it does not understand', async () => {
    const response = handleListAudit(db, apiRequest('GET', '/api/audit?action=flow.exploded&from=yesterday'));
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(['action', 'from']);
  });
});
