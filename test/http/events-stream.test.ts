import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { CallEventSchema, type CallEvent } from '@/lib/events/wire';
import { seedLine } from '../helpers/seed';
import { startServer, type RunningServer } from '../helpers/server';
import { ADMIN, createToken, signInCookie } from '../helpers/session';
import { vonageExample } from '../helpers/voice';

/*
 * The live event stream under `next start`, as a browser gets it: nothing between the webhook and the
 * reader may buffer or compress it (Next compresses responses unless told not to transform them).
 */

let server: RunningServer;
let token: string;
let db: Db;

beforeAll(async () => {
  server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  token = await createToken(server.baseUrl, await signInCookie(server.baseUrl, ADMIN.email, ADMIN.password));
  db = openDatabase(path.join(server.dataDir, 'switchboard.db'));
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

/** Opens the stream (of one flow's events with `query`) and hands back a reader of its SSE frames. */
async function openStream(headers: Record<string, string> = {}, query = '') {
  const controller = new AbortController();
  const response = await fetch(`${server.baseUrl}/api/events/stream${query}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br', ...headers },
    signal: controller.signal,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** The next `count` call events, in the order they arrive; the test's timeout bounds the wait. */
  const next = async (count: number): Promise<CallEvent[]> => {
    const events: CallEvent[] = [];
    while (events.length < count) {
      const end = buffer.indexOf('\n\n');
      if (end === -1) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the stream ended');
        buffer += chunk.value;
        continue;
      }
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame.split('\n').find((line) => line.startsWith('data: '));
      if (frame.includes('event: call-event') && data) events.push(CallEventSchema.parse(JSON.parse(data.slice(6))));
    }
    return events;
  };
  return { response, next, close: () => controller.abort() };
}

const postEvent = (body: string) => fetch(`${server.baseUrl}/api/voice/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('GET /api/events/stream under next start', () => {
  it('refuses an anonymous reader', async () => {
    expect((await fetch(`${server.baseUrl}/api/events/stream`)).status).toBe(401);
  });

  it('streams uncompressed, uncached Server-Sent Events as the webhooks store them', async () => {
    const stream = await openStream();
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.response.headers.get('content-encoding')).toBeNull();
    expect((await postEvent(vonageExample('examples/webhooks/event-started.json'))).status).toBe(200);
    const [event] = await stream.next(1);
    expect(event).toMatchObject({ type: 'voice:started', legUuid: '63f61863-4a51-4f6b-86e1-46edebcf9356' });
    stream.close();
  });

  it('resumes after Last-Event-ID with what was stored while the reader was away', async () => {
    const first = await openStream();
    await postEvent(vonageExample('examples/webhooks/event-ringing.json'));
    const [seen] = await first.next(1);
    first.close();
    await postEvent(vonageExample('examples/webhooks/event-answered.json'));
    await fetch(`${server.baseUrl}/api/voice/rtc-event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: vonageExample('examples/webhooks/rtc-member-joined.json') });
    const again = await openStream({ 'last-event-id': String(seen.id) });
    expect((await again.next(2)).map((e) => e.type)).toEqual(['voice:answered', 'rtc:member:joined']);
    again.close();
  });

  it('streams one flow\'s events to an editor open on it, and only those', async () => {
    // The webhook worker stores the events and the Next worker reads back only what its streams listen for.
    const sales = seedLine(db, 'ivr-menu', '447700900201').flowId;
    seedLine(db, 'ivr-menu', '447700900202');
    const editor = await openStream({}, `?flowId=${sales}`);
    const everything = await openStream();
    const answer = (to: string, uuid: string) => fetch(`${server.baseUrl}/api/voice/answer?${new URLSearchParams({ to, from: '447700900999', uuid, conversation_uuid: `CON-${uuid}` })}`);
    expect((await answer('447700900202', 'support-call')).status).toBe(200);
    expect((await answer('447700900201', 'sales-call')).status).toBe(200);
    const [first] = await editor.next(1);
    expect(first).toMatchObject({ type: 'answer', callUuid: 'sales-call', flowId: sales });
    const seen = await everything.next(2);
    expect(seen.map((event) => event.callUuid)).toEqual(['support-call', 'support-call']);
    editor.close();
    everything.close();
  });
});
