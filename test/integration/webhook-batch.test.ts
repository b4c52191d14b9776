import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { saveAnswer, startCall } from '@/lib/calls/store';
import { listCalls, CallFilterSchema } from '@/lib/calls/list';
import { SEARCH_INDEX_BATCH } from '@/lib/calls/search-index';
import { createEventBus } from '@/lib/events/bus';
import { recordEvent } from '@/lib/events/record';
import type { HttpResult } from '@/lib/runtime/engine';
import { createWebhookBatcher } from '@/lib/server/webhook-batch';
import type { VoiceHandler } from '@/lib/server/voice-routes';
import type { SignedRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from '@/lib/voice/deps';
import type { WebhookReply } from '@/lib/voice/respond';
import { createFileTestDb } from '../helpers/db';
import { voiceDeps } from '../helpers/voice';

/*
 * The lean path's group commit: the webhooks of one turn share a transaction, each is answered only after
 * it commits, one that fails fails alone, and one waiting on an HTTP request node does not hold the others.
 * A second connection plays another process reading the file.
 */

let db: Db;
let reader: Database.Database;
let close: () => void;
beforeEach(() => {
  ({ db, reader, close } = createFileTestDb('group'));
});
afterEach(() => close());

/** A plain-text 200, as a handler builds its reply. */
const textReply = (body: string): WebhookReply => ({ status: 200, body, contentType: 'text/plain', cacheControl: null });
const request: SignedRequest = { method: 'POST', url: 'https://sb.example.com/api/voice/event', authorization: null, rawBody: '{}' };
const committedLegs = () => (reader.prepare('SELECT leg_uuid AS leg FROM webhook_events ORDER BY id').all() as { leg: string }[]).map((r) => r.leg);
const store = (deps: VoiceDeps, leg: string) =>
  recordEvent(deps, { source: 'voice', type: 'voice:ringing', legUuid: leg, conversationUuid: null, status: 'ringing', dedupeKey: null, payload: '{}', parsedOk: true, problem: null });

/** A webhook handler that stores one event and answers with its leg. */
const storing =
  (leg: string): VoiceHandler =>
  async (_request, deps) => {
    store(deps, leg);
    return textReply(leg);
  };

describe('the group commit', () => {
  it('answers each webhook only once its writes are committed, all in one transaction', async () => {
    const bus = createEventBus();
    const committedWhenStreamed: number[] = [];
    bus.subscribe(() => committedWhenStreamed.push(committedLegs().length));
    // The handlers' deps carry the bus on to recordEvent, as the process's deps carry the process bus.
    const deps = { ...voiceDeps(db), bus };
    const batcher = createWebhookBatcher(deps);
    const legs = Array.from({ length: 10 }, (_, i) => `leg-${i}`);
    const visibleAtAnswer = await Promise.all(
      legs.map(async (leg) => {
        const res = await batcher.serve(storing(leg), request);
        return [res.body, committedLegs().includes(leg)];
      }),
    );
    expect(visibleAtAnswer).toEqual(legs.map((leg) => [leg, true]));
    expect(committedWhenStreamed).toEqual(legs.map(() => 10));
  });

  it('fails only the webhook that threw, and commits the others', async () => {
    const batcher = createWebhookBatcher(voiceDeps(db));
    const failing: VoiceHandler = async () => {
      throw new Error('broken handler');
    };
    const [good, bad] = await Promise.allSettled([batcher.serve(storing('good'), request), batcher.serve(failing, request)]);
    expect(good.status).toBe('fulfilled');
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('broken handler') });
    expect(committedLegs()).toEqual(['good']);
  });

  it('commits before an HTTP request node goes out, so a slow endpoint holds no other webhook', async () => {
    let respond!: (result: HttpResult) => void;
    const endpoint = new Promise<HttpResult>((resolve) => (respond = resolve));
    const batcher = createWebhookBatcher({ ...voiceDeps(db), http: () => endpoint });
    const slowHandler: VoiceHandler = async (_request, deps) => {
      store(deps, 'slow-before');
      await deps.http({ method: 'GET', url: 'https://crm.example.com/', headers: {}, timeoutMs: 1000 });
      store(deps, 'slow-after');
      return textReply('slow');
    };
    const slow = batcher.serve(slowHandler, request);
    const quick = await batcher.serve(storing('quick'), request);
    expect(quick.body).toBe('quick');
    expect(committedLegs()).toEqual(['slow-before', 'quick']);

    respond({ type: 'response', status: 200, contentType: 'text/plain', body: '', durationMs: 5 });
    expect((await slow).body).toBe('slow');
    expect(committedLegs()).toEqual(['slow-before', 'quick', 'slow-after']);
  });
});

describe('a group that cannot be stored', () => {
  /** Stores a continuation for a call that does not exist, its foreign key checked at the commit: the commit fails. */
  const breakingTheCommit: VoiceHandler = async (_request, deps) => {
    deps.db.$client.pragma('defer_foreign_keys = ON');
    deps.db.$client.prepare("INSERT INTO continuations (token_hash, call_uuid, response, created_at) VALUES ('t', 'no-such-call', NULL, 0)").run();
    return textReply('broken');
  };

  it('handles each of its webhooks again on its own, so the others are stored and answered', async () => {
    const batcher = createWebhookBatcher(voiceDeps(db));
    const served = await Promise.allSettled([
      batcher.serve(storing('first'), request),
      batcher.serve(breakingTheCommit, request),
      batcher.serve(storing('second'), request),
    ]);
    expect(served.map((each) => (each.status === 'fulfilled' ? each.value.body : 'rejected'))).toEqual(['first', 'rejected', 'second']);
    // Stored once each: nothing of the failed group's first attempt remained to be stored twice.
    expect(committedLegs()).toEqual(['first', 'second']);
    expect(reader.prepare('SELECT count(*) AS n FROM continuations').get()).toEqual({ n: 0 });
  });

  it('runs a turn without a group when the write lock cannot be taken, rather than take the thread down', async () => {
    // Another process holds the write lock; this connection gives up waiting for it at once.
    db.$client.pragma('busy_timeout = 0');
    const other = new Database(path.join(path.dirname(db.$client.name), 'switchboard.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    const batcher = createWebhookBatcher(voiceDeps(db));
    await expect(batcher.serve(storing('while-locked'), request)).rejects.toThrow(/locked/);
    other.prepare('ROLLBACK').run();
    other.close();
    expect((await batcher.serve(storing('after'), request)).body).toBe('after');
    expect(committedLegs()).toEqual(['after']);
  });
});

describe('the trigram index of a group\'s new calls', () => {
  const startAndAnswer =
    (n: number): VoiceHandler =>
    async (_request, deps) => {
      const uuid = `call-${n}`;
      const from = `4477009${String(n).padStart(5, '0')}`;
      startCall(deps.db, { uuid, conversationUuid: `CON-${uuid}`, from, to: '447700900555', number: '447700900555', status: 'answered', state: {}, simulated: false });
      // A nested transaction after the insert, as the answer webhook saves its state and answer.
      saveAnswer(deps.db, uuid, { vars: {} }, `answer:${uuid}`, [{ action: 'talk', text: 'Hello' }]);
      return textReply(uuid);
    };
  // FTS5 stores each segment's pages under rowids that start with the segment id (bits 37 and up).
  const segments = () => (reader.prepare('SELECT count(DISTINCT id >> 37) AS n FROM calls_numbers_data WHERE id >> 37 > 0').get() as { n: number }).n;

  it('waits for a batch of calls, written as one segment, and finds every call by part of its number meanwhile', async () => {
    const batcher = createWebhookBatcher(voiceDeps(db));
    const serve = (from: number, count: number) => Promise.all(Array.from({ length: count }, (_, i) => batcher.serve(startAndAnswer(from + i), request)));
    const indexed = () => (reader.prepare('SELECT count(*) AS n FROM calls_numbers').get() as { n: number }).n;
    const found = (number: string) => listCalls(db, CallFilterSchema.parse({ number })).calls.map((c) => c.uuid);

    await serve(0, 20);
    expect([indexed(), segments()]).toEqual([0, 0]);
    expect(found('0900007')).toEqual(['call-7']);

    // The batch's last call indexes every call waiting, in its group; the calls after it wait for the next.
    await serve(20, SEARCH_INDEX_BATCH);
    expect(indexed()).toBe(SEARCH_INDEX_BATCH);
    // One segment for the batch: a segment per commit (or per call, after a savepoint) is what a batch saves.
    expect(segments()).toBe(1);
    expect(found('0900007')).toEqual(['call-7']);
    expect(found(`09${String(SEARCH_INDEX_BATCH + 19).padStart(5, '0')}`)).toEqual([`call-${SEARCH_INDEX_BATCH + 19}`]);
    expect(found('900555')).toHaveLength(50);
  });

  it('leaves segments unmerged until sixteen share a level, so a batch\'s commit rarely carries a merge', () => {
    // Each transaction writes one segment of a few dozen pages. FTS5 does merge work as pages are written; by
    // default (4) it had merged the first segments before the fifteenth; migration 0012 lets sixteen gather first.
    const write = db.$client.prepare('INSERT INTO calls_numbers (rowid, numbers) VALUES (?, ?)');
    const rows = 1000;
    for (let batch = 0; batch < 15; batch++) {
      db.$client.transaction(() => {
        for (let i = 1; i <= rows; i++) write.run(batch * rows + i, `4477${String((batch * rows + i) * 7919).padStart(8, '0')} 447700900555`);
      })();
    }
    expect(segments()).toBe(15);
  });
});
