import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handleEventStream } from '@/lib/api/events-handlers';
import { createEventBus, type EventBus } from '@/lib/events/bus';
import { createCall } from '@/lib/calls/store';
import { recordEvents } from '@/lib/events/record';
import { createFlow } from '@/lib/flows/write';
import type { EventInput } from '@/lib/events/types';
import { CallEventSchema } from '@/lib/events/wire';
import { createTestDb } from '../helpers/db';

/*
 * GET /api/events/stream as the route runs it: Server-Sent Events framing, heartbeats, filters, resuming
 * after Last-Event-ID, and unsubscribing from the bus when the client goes away.
 */

let db: Db;
let bus: EventBus;
beforeEach(() => {
  db = createTestDb();
  bus = createEventBus();
});

let n = 0;
const input = (patch: Partial<EventInput> = {}): EventInput => ({
  source: 'voice',
  type: 'voice:ringing',
  legUuid: `leg-${++n}`,
  conversationUuid: `CON-${n}`,
  status: 'ringing',
  dedupeKey: null,
  payload: JSON.stringify({ n }),
  parsedOk: true,
  problem: null,
  ...patch,
});
const store = (...inputs: EventInput[]) => recordEvents({ db, now: () => new Date(), bus }, inputs).map((r) => r.row!.id);

function open(query = '', headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = handleEventStream(db, bus, new Request(`https://sb.example.com/api/events/stream${query}`, { headers, signal: controller.signal }), { heartbeatMs: 25 });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  /** Reads until the text so far satisfies `done`; the test's own timeout bounds it. */
  const until = async (done: (text: string) => boolean): Promise<string> => {
    while (!done(text)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += chunk.value;
    }
    return text;
  };
  return { response, reader, until, abort: () => controller.abort() };
}

type Frame = { id: string | null; event: string | null; data: string | null };
function frames(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.startsWith(':') && !block.startsWith('retry'))
    .map((block) => {
      const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
      return { id: field('id'), event: field('event'), data: field('data') };
    });
}
const idsIn = (text: string) => frames(text).map((f) => Number(f.id));

describe('the event stream', () => {
  it('is an uncompressible, uncached text/event-stream', () => {
    const { response, abort } = open();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    abort();
  });

  it('sends each event published after it opened, framed with its id, as a call event', async () => {
    const stream = open();
    const [id] = store(input({ type: 'voice:answered', status: 'answered', payload: '{"status":"answered"}' }));
    const text = await stream.until((t) => frames(t).length > 0);
    const [frame] = frames(text);
    expect(frame).toEqual({ id: String(id), event: 'call-event', data: expect.any(String) });
    expect(CallEventSchema.parse(JSON.parse(frame.data!))).toMatchObject({ id, type: 'voice:answered', payload: { status: 'answered' } });
    stream.abort();
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const stream = open();
    expect(await stream.until((t) => t.includes(': heartbeat\n\n'))).toContain(': heartbeat\n\n');
    stream.abort();
  });

  it('keeps to the flow or call asked for', async () => {
    const created = createFlow(db, { source: 'blank', name: 'Line' });
    if (!created.ok) throw new Error('no flow');
    createCall(db, { uuid: 'call-in-flow', conversationUuid: 'CON-in-flow', from: '1', to: '2', number: '2', flowId: created.flow.id, status: 'answered', state: {} });
    const byFlow = open(`?flowId=${created.flow.id}`);
    const byCall = open('?callUuid=call-in-flow');
    const [, wanted] = store(input(), input({ legUuid: 'call-in-flow' }), input());
    expect(idsIn(await byFlow.until((t) => frames(t).length >= 1))).toEqual([wanted]);
    expect(idsIn(await byCall.until((t) => frames(t).length >= 1))).toEqual([wanted]);
    byFlow.abort();
    byCall.abort();
  });

  it('resumes after Last-Event-ID: the missed events first, in order, then live ones, none twice', async () => {
    const [first, second, third] = store(input(), input(), input());
    const stream = open('', { 'last-event-id': String(first) });
    const [fourth] = store(input());
    const text = await stream.until((t) => frames(t).length >= 3);
    expect(idsIn(text)).toEqual([second, third, fourth]);
    stream.abort();
  });

  it('resumes from the lastEventId parameter too (a new EventSource cannot set headers)', async () => {
    const [first, second] = store(input(), input());
    const stream = open(`?lastEventId=${first}`);
    expect(idsIn(await stream.until((t) => frames(t).length >= 1))).toEqual([second]);
    stream.abort();
  });

  it('refuses a Last-Event-ID that is not an event id', () => {
    expect(open('', { 'last-event-id': 'yesterday' }).response.status).toBe(400);
  });

  it('unsubscribes and ends the stream when the client goes away', async () => {
    const stream = open();
    expect(bus.size()).toBe(1);
    stream.abort();
    expect(bus.size()).toBe(0);
    await stream.until(() => false);
    expect((await stream.reader.read()).done).toBe(true);
    // Publishing afterwards reaches no one and breaks nothing.
    expect(() => store(input())).not.toThrow();
  });

  it('unsubscribes when the reader cancels', async () => {
    const response = handleEventStream(db, bus, new Request('https://sb.example.com/api/events/stream'));
    expect(bus.size()).toBe(1);
    await response.body!.getReader().cancel();
    expect(bus.size()).toBe(0);
  });

  it('sends the events published together as one chunk', async () => {
    const controller = new AbortController();
    const response = handleEventStream(db, bus, new Request('https://sb.example.com/api/events/stream', { signal: controller.signal }), { heartbeatMs: 60_000 });
    const reader = response.body!.getReader();
    await reader.read(); // the retry and `connected` preamble
    const ids = store(input(), input(), input());
    const chunk = new TextDecoder().decode((await reader.read()).value);
    expect(idsIn(chunk)).toEqual(ids);
    controller.abort();
  });

  it('tells a reader that fell a buffer behind that it missed events, sends nothing more until it reads, then goes on', async () => {
    const controller = new AbortController();
    const response = handleEventStream(db, bus, new Request('https://sb.example.com/api/events/stream', { signal: controller.signal }), { heartbeatMs: 60_000 });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // Nobody reads while events far bigger than the buffer are published, one publish at a time.
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 40; i += 1) store(input({ payload: big }));
    await Promise.resolve();
    let text = '';
    const readUntil = async (done: (t: string) => boolean) => {
      while (!done(text)) text += (await reader.read()).value;
    };
    await readUntil((t) => t.includes('event: overflow'));
    const sentBefore = frames(text).filter((f) => f.event === 'call-event').length;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(40);
    expect(frames(text).filter((f) => f.event === 'overflow')).toHaveLength(1);
    // Caught up: the next event goes out again.
    const [later] = store(input());
    await readUntil((t) => idsIn(t).includes(later));
    expect(frames(text).filter((f) => f.event === 'overflow')).toHaveLength(1);
    controller.abort();
  });
});

