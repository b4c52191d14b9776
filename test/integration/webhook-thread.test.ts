import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { localDispatch } from '@/lib/server/serve-voice';
import { MAX_JOBS_PER_MESSAGE, serveJobs, threadDispatch, type FromWebhookThread, type ToWebhookThread } from '@/lib/server/webhook-thread';
import type { Dispatch } from '@/lib/server/serve-voice';
import type { SignedRequest } from '@/lib/vonage/signature';
import type { Ncco } from '@/lib/ncco';
import { createTestDb } from '../helpers/db';
import { seedLine } from '../helpers/seed';
import { VOICE_BASE, voiceDeps } from '../helpers/voice';

/*
 * The hand-over between the thread that reads requests and the webhook thread, over a real MessageChannel:
 * a turn's requests in one message, each reply back to its own request, failures as failures, and a reply
 * only once the handler's writes are committed.
 */

let channel: MessageChannel;
beforeEach(() => {
  channel = new MessageChannel();
});
afterEach(() => {
  channel.port1.close();
  channel.port2.close();
});

/** Wires a reading side to a webhook side that runs `dispatch`; returns the reading side and the messages sent. */
function connect(dispatch: Dispatch) {
  const sent: ToWebhookThread[] = [];
  const reading = threadDispatch((message) => {
    sent.push(message);
    channel.port1.postMessage(message);
  });
  const take = serveJobs(dispatch, (message) => channel.port2.postMessage(message));
  channel.port2.on('message', (message: ToWebhookThread) => message.type === 'jobs' && take(message.jobs));
  channel.port1.on('message', (message: FromWebhookThread) => message.type === 'outcomes' && reading.settle(message.outcomes));
  return { reading, sent };
}

const request = (body: string): SignedRequest => ({ method: 'POST', url: `${VOICE_BASE}/api/voice/event`, authorization: null, rawBody: body, verdict: { ok: true } });

describe('the webhook thread hand-over', () => {
  it('sends the requests of one turn in one message and answers each with its own reply', async () => {
    const { reading, sent } = connect(async (route, req) => ({ status: 200, body: `${route.name}:${req.rawBody}`, contentType: 'text/plain', cacheControl: null }));
    const replies = await Promise.all(['a', 'b', 'c'].map((body) => reading.dispatch({ name: 'event' }, request(body))));
    expect(replies.map((reply) => reply.body)).toEqual(['event:a', 'event:b', 'event:c']);
    expect(sent).toHaveLength(1);
    expect(reading.pending()).toBe(0);
  });

  it('sends a busy turn in messages of at most MAX_JOBS_PER_MESSAGE, the first before the turn ends', async () => {
    const { reading, sent } = connect(async (_route, req) => ({ status: 200, body: req.rawBody, contentType: null, cacheControl: null }));
    const bodies = Array.from({ length: 2 * MAX_JOBS_PER_MESSAGE + 3 }, (_, i) => `job-${i}`);
    const replies = bodies.map((body, i) => {
      const reply = reading.dispatch({ name: 'event' }, request(body));
      // The webhook thread has the first message while this turn is still reading.
      if (i === MAX_JOBS_PER_MESSAGE - 1) expect(sent).toHaveLength(1);
      return reply;
    });
    expect((await Promise.all(replies)).map((reply) => reply.body)).toEqual(bodies);
    expect(sent.map((message) => (message.type === 'jobs' ? message.jobs.length : 0))).toEqual([MAX_JOBS_PER_MESSAGE, MAX_JOBS_PER_MESSAGE, 3]);
  });

  it('fails only the request whose handler failed', async () => {
    const { reading } = connect(async (_route, req) => {
      if (req.rawBody === 'bad') throw new Error('the handler broke');
      return { status: 200, body: req.rawBody, contentType: null, cacheControl: null };
    });
    const [good, bad] = await Promise.allSettled([reading.dispatch({ name: 'event' }, request('good')), reading.dispatch({ name: 'event' }, request('bad'))]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { body: 'good' } });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('the handler broke') });
  });

  it('is drained once every request sent is answered', async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const { reading } = connect(async (_route, req) => {
      await held;
      return { status: 200, body: req.rawBody, contentType: null, cacheControl: null };
    });
    await reading.drained();
    const reply = reading.dispatch({ name: 'event' }, request('slow'));
    let drained = false;
    const draining = reading.drained().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect([drained, reading.pending()]).toEqual([false, 1]);
    finish();
    await draining;
    expect((await reply).body).toBe('slow');
    expect(reading.pending()).toBe(0);
  });

  it('replies to an answer with its NCCO only once the call is committed', async () => {
    const db: Db = createTestDb();
    seedLine(db, 'ivr-menu', '447700900100');
    const { reading } = connect(localDispatch(voiceDeps(db)));
    const query = new URLSearchParams({ to: '447700900100', from: '447700900999', uuid: 'thread-call', conversation_uuid: 'CON-thread-call' });
    const answer: SignedRequest = { method: 'GET', url: `${VOICE_BASE}/api/voice/answer?${query}`, authorization: null, rawBody: '' };
    const reply = await reading.dispatch({ name: 'answer' }, answer);
    const ncco = JSON.parse(reply.body) as Ncco;
    expect(ncco[0]).toMatchObject({ action: 'talk', text: 'Thank you for calling Example Company.' });
    expect(db.$client.inTransaction).toBe(false);
    expect(db.$client.prepare('SELECT status FROM calls WHERE uuid = ?').get('thread-call')).toEqual({ status: 'answered' });
  });
});
