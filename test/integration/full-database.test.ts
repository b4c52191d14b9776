import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { NccoSchema, type Ncco } from '@/lib/ncco';
import { voiceHandlerFor } from '@/lib/server/voice-routes';
import { signVonageRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from '@/lib/voice/deps';
import { toResponse } from '@/lib/voice/respond';
import { startLeanLine } from '../helpers/lean-server';
import { VOICE_BASE } from '../helpers/voice';

/*
 * The lean path (the production server's) when the database cannot take the webhooks' writes, as on a full
 * disk: SQLite refuses the page it needs and rolls the whole group back. A caller still gets a valid NCCO (the
 * flow's, stored, or the apology), never a 500; an event is acknowledged only once it is stored.
 */

const SECRET = 'full-database-secret';
const LINE = '447700900100';
let db: Db;
let deps: VoiceDeps;
let stopLean: () => Promise<void>;
let lean: string;

beforeAll(async () => {
  ({ db, deps, url: lean, close: stopLean } = await startLeanLine(SECRET, 'ivr-menu', LINE));
});
afterAll(() => stopLean());

/** The database may not grow past the pages it has now, as a disk with no space left. */
const fillTheDisk = () => db.$client.pragma(`max_page_count = ${String(db.$client.pragma('page_count', { simple: true }))}`);
const freeSpace = () => db.$client.pragma('max_page_count = 1073741823');

async function send(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; body: string }> {
  const url = `${VOICE_BASE}${path}`;
  const res = await fetch(`${lean}${path}`, { method, body, headers: { authorization: signVonageRequest({ method, url, body }, SECRET) } });
  return { status: res.status, body: await res.text() };
}

const answer = (uuid: string) => send('GET', `/api/voice/answer?to=${LINE}&from=447700900999&uuid=${uuid}&conversation_uuid=CON-${uuid}`);
const event = (uuid: string) => send('POST', '/api/voice/event', JSON.stringify({ uuid, conversation_uuid: `CON-${uuid}`, status: 'ringing', timestamp: new Date().toISOString() }));
const storedCall = (uuid: string) => db.$client.prepare('SELECT 1 FROM calls WHERE uuid = ?').get(uuid) !== undefined;
const storedLeg = (uuid: string) => db.$client.prepare('SELECT 1 FROM webhook_events WHERE leg_uuid = ?').get(uuid) !== undefined;
const isFlows = (ncco: Ncco) => ncco.some((action) => action.action === 'talk' && action.text === 'Thank you for calling Example Company.');

describe('a database that cannot grow', () => {
  it('answers every call with a valid NCCO, the flow\'s only when its call is stored, and acknowledges only stored events', async () => {
    fillTheDisk();
    const replies: { uuid: string; kind: 'answer' | 'event'; status: number; body: string }[] = [];
    // Rounds of webhooks sent together, so that they share groups as under load, until the space has run out.
    for (let round = 0; round < 20 && !replies.some((r) => r.kind === 'answer' && r.status === 200 && !isFlows(JSON.parse(r.body) as Ncco)); round++) {
      const uuids = Array.from({ length: 10 }, (_, i) => `full-${round}-${i}`);
      replies.push(
        ...(await Promise.all([
          ...uuids.map(async (uuid) => ({ uuid, kind: 'answer' as const, ...(await answer(uuid)) })),
          ...uuids.map(async (uuid) => ({ uuid: `leg-${uuid}`, kind: 'event' as const, ...(await event(`leg-${uuid}`)) })),
        ])),
      );
    }
    const answers = replies.filter((r) => r.kind === 'answer');
    expect(answers.filter((r) => r.status !== 200)).toEqual([]);
    const nccos = answers.map((r) => ({ uuid: r.uuid, ncco: NccoSchema.parse(JSON.parse(r.body)) }));
    const apologies = nccos.filter(({ ncco }) => !isFlows(ncco));
    // The space did run out: some callers heard the apology, which a 500 would have turned into a dropped call.
    expect(apologies.length).toBeGreaterThan(0);
    expect(apologies.map(({ ncco }) => ncco[0])).toEqual(apologies.map(() => expect.objectContaining({ action: 'talk', text: expect.stringMatching(/^Sorry/) })));
    expect(nccos.filter(({ uuid, ncco }) => isFlows(ncco) && !storedCall(uuid))).toEqual([]);
    const events = replies.filter((r) => r.kind === 'event');
    expect(events.filter((r) => r.status === 200 && !storedLeg(r.uuid))).toEqual([]);
    expect(events.filter((r) => r.status !== 200 && r.status !== 500)).toEqual([]);
  });

  it('gives the apology through Next\'s route handlers and the fallback URL too', async () => {
    const viaRoute = async (method: 'GET' | 'POST', path: string, body?: string) => {
      const url = `${VOICE_BASE}${path}`;
      const handler = voiceHandlerFor(method, new URL(url).pathname)!;
      const res = toResponse(await handler(new Request(url, { method, body, headers: { authorization: signVonageRequest({ method, url, body }, SECRET) } }), deps));
      return { status: res.status, ncco: NccoSchema.parse(await res.json()) };
    };
    const fallback = (uuid: string) => JSON.stringify({ to: LINE, from: '447700900999', uuid, conversation_uuid: `CON-${uuid}`, reason: 'Connection closed.', original_request: { url: `${VOICE_BASE}/api/voice/answer`, type: 'answer' } });
    const replies = [
      await viaRoute('GET', `/api/voice/answer?to=${LINE}&from=447700900999&uuid=route-1&conversation_uuid=CON-route-1`),
      await viaRoute('POST', '/api/voice/fallback', fallback('route-2')),
      { uuid: 'lean-fallback', ...(await send('POST', '/api/voice/fallback', fallback('lean-fallback'))) },
    ].map((reply) => ('ncco' in reply ? reply : { status: reply.status, ncco: NccoSchema.parse(JSON.parse(reply.body)) }));
    expect(replies.map(({ status, ncco }) => [status, isFlows(ncco)])).toEqual([
      [200, false],
      [200, false],
      [200, false],
    ]);
  });

  it('runs the flow again once there is space', async () => {
    freeSpace();
    const reply = await answer('after-space');
    expect(reply.status).toBe(200);
    expect(isFlows(NccoSchema.parse(JSON.parse(reply.body)))).toBe(true);
    expect(storedCall('after-space')).toBe(true);
    expect((await event('leg-after-space')).status).toBe(200);
    expect(storedLeg('leg-after-space')).toBe(true);
  });
});
