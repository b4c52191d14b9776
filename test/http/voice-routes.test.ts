import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { createNode, type FlowDocument } from '@/lib/flow/document';
import { FlowSettingsSchema } from '@/lib/flow/settings';
import { createFlow, updateFlow } from '@/lib/flows/write';
import { createNumber } from '@/lib/numbers/write';
import { getFlow } from '@/lib/flows/read';
import { NccoSchema, type Ncco } from '@/lib/ncco';
import { signVonageRequest } from '@/lib/vonage/signature';
import { getContinuationSecret } from '@/lib/app-state';
import { snapshotDraft } from '@/lib/drafts/snapshots';
import { createDraftToken } from '@/lib/vonage/draft-token';
import { publish, rebind, seedLine } from '../helpers/seed';
import { startServer, type RunningServer } from '../helpers/server';

/*
 * The voice webhooks over HTTP against the production build, as Vonage calls them. Data is seeded straight
 * into the server's SQLite file (WAL lets both processes use it), so these tests need no management API.
 */

const APOLOGY = 'Sorry, this line is resting. Please call back later.';
let server: RunningServer;
let db: Db;
let lineFlowId: string;

beforeAll(async () => {
  server = await startServer({ FALLBACK_APOLOGY_TEXT: APOLOGY });
  db = openDatabase(path.join(server.dataDir, 'switchboard.db'));
  lineFlowId = seedLine(db, 'ivr-menu', '447700900100').flowId;
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

let calls = 0;
const newUuid = () => `call-${Date.now()}-${++calls}`;

async function answer(to: string, uuid = newUuid(), base = server.baseUrl, init: RequestInit = {}) {
  const query = new URLSearchParams({ to, from: '447700900999', uuid, conversation_uuid: `CON-${uuid}` });
  const res = await fetch(`${base}/api/voice/answer?${query}`, init);
  return { res, uuid, ncco: res.status === 200 ? await nccoOf(res) : null };
}

async function nccoOf(res: Response): Promise<Ncco> {
  const body: unknown = await res.json();
  const parsed = NccoSchema.safeParse(body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return parsed.data as Ncco;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function eventUrlOf(ncco: Ncco, action: 'input' | 'connect'): string {
  const found = ncco.find((a) => a.action === action) as { eventUrl?: string[] } | undefined;
  const url = found?.eventUrl?.[0];
  if (!url) throw new Error(`no ${action} eventUrl in ${JSON.stringify(ncco)}`);
  return url;
}

const texts = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'talk' ? [a.text] : []));
const press = (url: string, digits: string) => post(url, { dtmf: { digits, timed_out: false }, speech: { results: [] } });

describe('answer', () => {
  it('answers a bound number with the flow from its Incoming call', async () => {
    const { res, ncco } = await answer('447700900100');
    expect(res.status).toBe(200);
    expect(texts(ncco!)).toEqual([
      'Thank you for calling Example Company.',
      'For sales, press 1. For support, press 2. To speak to an operator, press 0.',
    ]);
    expect(eventUrlOf(ncco!, 'input')).toMatch(new RegExp(`^${server.baseUrl}/api/voice/continue/[\\w-]+\\.[\\w-]+$`));
  });

  it('also accepts the answer webhook as a POST with a JSON body', async () => {
    const uuid = newUuid();
    const res = await post(`${server.baseUrl}/api/voice/answer`, { to: '447700900100', from: '447700900999', uuid, conversation_uuid: 'CON-1' });
    expect(texts(await nccoOf(res))[0]).toBe('Thank you for calling Example Company.');
  });

  it('gives a retried answer webhook the same NCCO', async () => {
    const first = await answer('447700900100');
    const again = await answer('447700900100', first.uuid);
    expect(again.ncco).toEqual(first.ncco);
  });

  it('apologises with 200 for a number nobody bound', async () => {
    const { res, ncco } = await answer('447700900555');
    expect(res.status).toBe(200);
    expect(texts(ncco!)).toEqual([APOLOGY]);
  });

  it('apologises with 200 when the bound version is corrupted in storage', async () => {
    const { flowId } = seedLine(db, 'forward-to-mobile', '447700900101');
    db.$client.prepare('UPDATE flow_versions SET document = ? WHERE flow_id = ?').run('{"nodes": 5}', flowId);
    const { res, ncco } = await answer('447700900101');
    expect(res.status).toBe(200);
    expect(texts(ncco!)).toEqual([APOLOGY]);
  });

  it('apologises with 200 for a request it cannot read', async () => {
    const res = await fetch(`${server.baseUrl}/api/voice/answer?from=1`);
    expect(res.status).toBe(200);
    expect(texts(await nccoOf(res))).toEqual([APOLOGY]);
  });
});

describe('the answer URL of an outbound test call', () => {
  it('runs the draft snapshot its signed token names, and apologises for a forged one', async () => {
    const snapshot = snapshotDraft(db, lineFlowId)!;
    const token = createDraftToken({ flowId: lineFlowId, snapshotId: snapshot.id }, getContinuationSecret(db), new Date());
    const body = (uuid: string) => ({ to: '447700900555', from: '447700900100', uuid, conversation_uuid: `CON-${uuid}` });
    const ok = await post(`${server.baseUrl}/api/voice/answer/draft/${token}`, body(newUuid()));
    expect(ok.status).toBe(200);
    expect(texts(await nccoOf(ok))[0]).toBe('Thank you for calling Example Company.');

    const forgedToken = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const forged = await post(`${server.baseUrl}/api/voice/answer/draft/${forgedToken}`, body(newUuid()));
    expect(forged.status).toBe(200);
    expect(texts(await nccoOf(forged))).toEqual([APOLOGY]);
  });
});

describe('continuations', () => {
  it('follows a menu choice through the continuation route', async () => {
    const { ncco } = await answer('447700900100');
    const res = await press(eventUrlOf(ncco!, 'input'), '2');
    const next = await nccoOf(res);
    expect(texts(next)).toEqual(['Connecting you to customer support.']);
    const connect = next.find((a) => a.action === 'connect');
    expect(connect).toMatchObject({ endpoint: [{ type: 'phone', number: '447700900002' }], eventType: 'synchronous' });
  });

  it('answers a repeated delivery of the same continuation with the same NCCO', async () => {
    const { ncco } = await answer('447700900100');
    const url = eventUrlOf(ncco!, 'input');
    const first = await nccoOf(await press(url, '1'));
    const again = await nccoOf(await press(url, '1'));
    expect(again).toEqual(first);
  });

  it('takes the failed branch when the connected leg is busy, and ignores progress states', async () => {
    const { ncco } = await answer('447700900100');
    const connectUrl = eventUrlOf(await nccoOf(await press(eventUrlOf(ncco!, 'input'), '1')), 'connect');
    const ringing = await post(connectUrl, { status: 'ringing', uuid: 'leg-b' });
    expect(ringing.status).toBe(200);
    expect(await ringing.text()).toBe('');
    const busy = await nccoOf(await post(connectUrl, { status: 'busy', uuid: 'leg-b' }));
    expect(texts(busy)[0]).toMatch(/leave a message after the tone/);
    expect(busy.some((a) => a.action === 'record')).toBe(true);
  });

  it('refuses a forged continuation token with 401', async () => {
    const { ncco } = await answer('447700900100');
    const url = eventUrlOf(ncco!, 'input');
    const [payload, signature] = url.split('/').at(-1)!.split('.');
    const forged = `${payload.slice(0, -2)}AA.${signature}`;
    expect((await press(url.replace(/[^/]+$/, forged), '1')).status).toBe(401);
    expect((await press(`${server.baseUrl}/api/voice/continue/nonsense`, '1')).status).toBe(401);
  });

  it('apologises with 200 when a running call cannot continue (its stored state is corrupt)', async () => {
    const { ncco, uuid } = await answer('447700900100');
    db.$client.prepare('UPDATE calls SET state = ? WHERE uuid = ?').run('{"broken": true}', uuid);
    const res = await press(eventUrlOf(ncco!, 'input'), '2');
    expect(res.status).toBe(200);
    expect(texts(await nccoOf(res))).toEqual([APOLOGY]);
  });

  it('keeps a call on the version it started on when the flow is republished mid-call', async () => {
    const before = await answer('447700900100');
    const flow = getFlow(db, lineFlowId)!;
    const document = structuredClone(flow.document);
    const intro = document.nodes.find((n) => n.id === 'support-intro')!;
    intro.data = { ...intro.data, text: 'Welcome to the new support desk.' };
    const saved = updateFlow(db, lineFlowId, { revision: flow.revision, document });
    expect(saved.ok).toBe(true);
    rebind(db, '447700900100', lineFlowId, publish(db, lineFlowId, 'new support text'));

    const oldCall = await nccoOf(await press(eventUrlOf(before.ncco!, 'input'), '2'));
    expect(texts(oldCall)).toEqual(['Connecting you to customer support.']);
    const after = await answer('447700900100');
    const newCall = await nccoOf(await press(eventUrlOf(after.ncco!, 'input'), '2'));
    expect(texts(newCall)).toEqual(['Welcome to the new support desk.']);
  });

  it('runs a Go to flow target at the version that was live when the call started', async () => {
    const settings = FlowSettingsSchema.parse({});
    const say = (text: string) => ({ ...createNode('say', 'said'), data: { ...createNode('say', 'said').data, text } });
    const target = (text: string): FlowDocument => ({
      schemaVersion: 1,
      settings,
      nodes: [createNode('start', 'start'), say(text)],
      edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'said' }],
    });
    const b = createFlow(db, { source: 'import', name: 'Target', document: target('Target, first version.'), layout: {} });
    if (!b.ok) throw new Error('no target flow');
    publish(db, b.flow.id);
    const menu = createNode('menu', 'menu');
    const choice = (menu.data.choices as { id: string }[])[0].id;
    const a = createFlow(db, {
      source: 'import',
      name: 'Caller',
      document: {
        schemaVersion: 1,
        settings,
        nodes: [createNode('start', 'start'), menu, { id: 'jump', kind: 'goto', data: { flowId: b.flow.id } }],
        edges: [
          { id: 'e1', source: 'start', sourceHandle: 'next', target: 'menu' },
          { id: 'e2', source: 'menu', sourceHandle: choice, target: 'jump' },
        ],
      },
      layout: {},
    });
    if (!a.ok) throw new Error('no caller flow');
    const bound = createNumber(db, { number: '447700900102', label: '', flowId: a.flow.id, versionId: publish(db, a.flow.id) });
    expect(bound.ok).toBe(true);

    const before = await answer('447700900102');
    const draft = getFlow(db, b.flow.id)!;
    expect(updateFlow(db, b.flow.id, { revision: draft.revision, document: target('Target, second version.') }).ok).toBe(true);
    publish(db, b.flow.id);

    expect(texts(await nccoOf(await press(eventUrlOf(before.ncco!, 'input'), '1')))).toEqual(['Target, first version.']);
    const after = await answer('447700900102');
    expect(texts(await nccoOf(await press(eventUrlOf(after.ncco!, 'input'), '1')))).toEqual(['Target, second version.']);
  });

  it('resumes a continuation Vonage sent to the fallback URL', async () => {
    const { ncco, uuid } = await answer('447700900100');
    const url = eventUrlOf(ncco!, 'input');
    const res = await post(`${server.baseUrl}/api/voice/fallback`, {
      uuid,
      dtmf: { digits: '0', timed_out: false },
      reason: 'Connection closed.',
      original_request: { url, type: 'event' },
    });
    expect(texts(await nccoOf(res))).toEqual(['Connecting you to an operator.']);
  });
});

describe('events', () => {
  it('stores every event once, and keeps an unreadable body raw', async () => {
    const event = { uuid: 'leg-e1', conversation_uuid: 'CON-e1', status: 'ringing', timestamp: '2026-11-25T10:00:00.000Z', from: '1', to: '2' };
    for (let i = 0; i < 2; i++) expect((await post(`${server.baseUrl}/api/voice/event`, event)).status).toBe(200);
    const garbage = await fetch(`${server.baseUrl}/api/voice/event`, { method: 'POST', body: '{not json' });
    expect(garbage.status).toBe(200);
    const rows = db.$client
      .prepare("SELECT payload, parsed_ok FROM webhook_events WHERE call_uuid = 'leg-e1' OR payload = '{not json'")
      .all() as { payload: string; parsed_ok: number }[];
    expect(rows.map((r) => [r.parsed_ok, r.payload === '{not json'])).toEqual([
      [1, false],
      [0, true],
    ]);
  });
});

describe('with a signature secret', () => {
  const SECRET = 'test-signature-secret';
  let signedServer: RunningServer;
  let signedDb: Db;

  beforeAll(async () => {
    signedServer = await startServer({ VONAGE_SIGNATURE_SECRET: SECRET });
    signedDb = openDatabase(path.join(signedServer.dataDir, 'switchboard.db'));
    seedLine(signedDb, 'ivr-menu', '447700900200');
  });
  afterAll(async () => {
    signedDb?.$client.close();
    await signedServer?.stop();
  });

  it('refuses an unsigned webhook with 401 and accepts a signed one', async () => {
    const unsigned = await answer('447700900200', newUuid(), signedServer.baseUrl);
    expect(unsigned.res.status).toBe(401);
    const unsignedEvent = await post(`${signedServer.baseUrl}/api/voice/event`, { uuid: 'x', status: 'started' });
    expect(unsignedEvent.status).toBe(401);

    const query = new URLSearchParams({ to: '447700900200', from: '447700900999', uuid: newUuid(), conversation_uuid: 'CON-s' });
    const url = `${signedServer.baseUrl}/api/voice/answer?${query}`;
    const res = await fetch(url, { headers: { authorization: signVonageRequest({ method: 'GET', url }, SECRET) } });
    expect(res.status).toBe(200);
    expect(texts(await nccoOf(res))[0]).toBe('Thank you for calling Example Company.');
  });
});
