import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createEventBus } from '@/lib/events/bus';
import { eventWriter } from '@/lib/events/batch-writer';
import { handleEvent } from '@/lib/voice/event';
import { createFileTestDb } from '../helpers/db';
import { voiceDeps, vonageExample, webhookPost } from '../helpers/voice';

/*
 * The voice event webhook group-commits: events arriving together are written in one transaction, each
 * webhook is answered only after that commit, and the log keeps its rules (dedupe, raw unreadable bodies,
 * live stream after commit). A second connection plays another process reading the file.
 */

let db: Db;
let reader: Database.Database;
let close: () => void;
beforeEach(() => {
  ({ db, reader, close } = createFileTestDb('batch'));
});
afterEach(() => close());

const ringing = JSON.parse(vonageExample('docs-examples/webhooks/event-payloads-from-reference-tables.json')).ringing as Record<string, unknown>;
const eventFor = (uuid: string) => ({ ...ringing, uuid, conversation_uuid: `CON-${uuid}` });
const storedLegs = () => (reader.prepare("SELECT leg_uuid AS leg FROM webhook_events WHERE source = 'voice' ORDER BY id").all() as { leg: string }[]).map((r) => r.leg);

describe('group commit', () => {
  it('answers only once the event is committed where another process can read it', async () => {
    const pending = handleEvent(webhookPost('/api/voice/event', eventFor('leg-1')), voiceDeps(db));
    // Queued, not yet written: nothing may acknowledge it yet.
    expect(storedLegs()).toEqual([]);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(storedLegs()).toEqual(['leg-1']);
  });

  it('commits events that arrive together in one transaction, and streams them after it', async () => {
    const bus = createEventBus();
    const seenWhenStreamed: number[] = [];
    bus.subscribe(() => seenWhenStreamed.push(storedLegs().length));
    const deps = { ...voiceDeps(db), bus };
    const legs = Array.from({ length: 20 }, (_, i) => `leg-${i}`);
    const responses = await Promise.all(legs.map((leg) => handleEvent(webhookPost('/api/voice/event', eventFor(leg)), deps)));
    expect(responses.map((r) => r.status)).toEqual(legs.map(() => 200));
    expect(storedLegs()).toEqual(legs);
    // The stream heard the first event when all twenty were already committed: one transaction.
    expect(seenWhenStreamed).toEqual(legs.map(() => 20));
  });

  it('stores a delivery and its retry once, in one batch or across batches', async () => {
    const deps = voiceDeps(db);
    const body = JSON.stringify(eventFor('leg-retried'));
    const together = await Promise.all([1, 2].map(() => handleEvent(webhookPost('/api/voice/event', body), deps)));
    const later = await handleEvent(webhookPost('/api/voice/event', body), deps);
    expect([...together, later].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(storedLegs()).toEqual(['leg-retried']);
  });

  it('keeps a body it cannot read, raw and flagged, next to good ones', async () => {
    const deps = voiceDeps(db);
    const [bad, good] = await Promise.all([
      handleEvent(webhookPost('/api/voice/event', '{"status": "ringing", "uuid": '), deps),
      handleEvent(webhookPost('/api/voice/event', eventFor('leg-good')), deps),
    ]);
    expect([bad.status, good.status]).toEqual([200, 200]);
    const rows = reader.prepare('SELECT payload, parsed_ok AS parsedOk, leg_uuid AS leg FROM webhook_events ORDER BY id').all();
    expect(rows).toEqual([
      { payload: '{"status": "ringing", "uuid": ', parsedOk: 0, leg: null },
      { payload: JSON.stringify(eventFor('leg-good')), parsedOk: 1, leg: 'leg-good' },
    ]);
  });

  it('shares one writer per database across module instances of the process', () => {
    expect(eventWriter(db)).toBe(eventWriter(db));
  });
});
