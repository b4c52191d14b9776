import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { listCalls, CallFilterSchema } from '@/lib/calls/list';
import { indexWaitingCalls } from '@/lib/calls/search-index';
import { pruneOlderThan, retentionCutoff, RETENTION_BATCH, type Pruned } from '@/lib/events/retention';
import { createTestDb } from '../helpers/db';

/*
 * Retention: events, calls and voicemail older than the cutoff go, in batches of at most 500 rows per
 * table per transaction, yielding between batches; everything newer stays, and the search index follows.
 */

const NOW = new Date('2026-11-25T12:00:00Z');
const OLD = NOW.getTime() - 40 * 86_400_000;
const RECENT = NOW.getTime() - 2 * 86_400_000;

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

function seed(count: number, at: number, prefix: string): void {
  const call = db.$client.prepare(
    `INSERT INTO calls (uuid, conversation_uuid, "from", "to", number, status, started_at, updated_at, simulated, voicemail, transferred, search_id)
     VALUES (?, ?, ?, '442079460000', '442079460000', 'completed', ?, ?, 0, 0, 0, coalesce((SELECT max(search_id) FROM calls), 0) + 1)`,
  );
  const continuation = db.$client.prepare(`INSERT INTO continuations (token_hash, call_uuid, created_at) VALUES (?, ?, ?)`);
  const event = db.$client.prepare(`INSERT INTO webhook_events (source, type, call_uuid, payload, parsed_ok, received_at, simulated) VALUES ('voice', 'voice:ringing', ?, '{}', 1, ?, 0)`);
  const recording = db.$client.prepare(`INSERT INTO recordings (id, recording_uuid, recording_url, received_at, caller, called, simulated) VALUES (?, ?, 'https://api.nexmo.com/v1/files/x', ?, '', '', 0)`);
  db.$client.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const uuid = `${prefix}-${i}`;
      const from = `44770090${String(i).padStart(4, '0')}`;
      call.run(uuid, `CON-${uuid}`, from, at, at);
      continuation.run(`hash-${uuid}`, uuid, at);
      for (let e = 0; e < 3; e += 1) event.run(uuid, at);
      if (i % 2 === 0) recording.run(`rec_${uuid}`, `r-${uuid}`, at);
    }
    indexWaitingCalls(db);
  })();
}

const count = (table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('retention', () => {
  it('prunes what is older than the cutoff in batches of at most 500 rows, yielding between them', async () => {
    seed(600, OLD, 'old');
    seed(10, RECENT, 'new');
    const batches: Pruned[] = [];
    let pauses = 0;
    const total = await pruneOlderThan(db, retentionCutoff(NOW, 30), {
      onBatch: (pruned) => batches.push(pruned),
      pause: async () => void (pauses += 1),
    });
    expect(total).toEqual({ events: 1800, calls: 600, recordings: 300 });
    expect(batches.length).toBe(5);
    expect(batches.every((b) => b.events <= RETENTION_BATCH && b.calls <= RETENTION_BATCH && b.recordings <= RETENTION_BATCH)).toBe(true);
    expect(batches.at(-1)).toEqual({ events: 0, calls: 0, recordings: 0 });
    expect(pauses).toBe(batches.length - 1);
    expect([count('webhook_events'), count('calls'), count('recordings'), count('continuations')]).toEqual([30, 10, 5, 10]);
  });

  it('takes pruned calls out of the number search, and keeps the recent ones findable', async () => {
    seed(3, OLD, 'old');
    seed(3, RECENT, 'new');
    await pruneOlderThan(db, retentionCutoff(NOW, 30));
    expect(count('calls_numbers')).toBe(3);
    const found = listCalls(db, CallFilterSchema.parse({ number: '447700900001' })).calls.map((c) => c.uuid);
    expect(found).toEqual(['new-1']);
  });

  it('lets other work run between batches (the default pause yields to the event loop)', async () => {
    seed(1200, OLD, 'old');
    const order: string[] = [];
    const pruning = pruneOlderThan(db, retentionCutoff(NOW, 30), { onBatch: () => order.push('batch') });
    setImmediate(() => order.push('webhook'));
    await pruning;
    expect(order.indexOf('webhook')).toBeGreaterThan(0);
    expect(order.indexOf('webhook')).toBeLessThan(order.length - 1);
  });
});
